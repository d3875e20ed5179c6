package extract_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract"
)

func Example() {
	p := papergraph.Paper{
		Title: "EchoNet: Robust Speech Separation",
		Abstract: "We introduce a dataset called EchoSet and fine-tune Llama-2-7B. " +
			"Experiments on WSJ0-2/3mix and LibriSpeech show gains over TF-GridNet. " +
			"Code: https://github.com/Example/EchoNet.",
	}
	extract.Default().Paper(&p)
	fmt.Println("name:", p.Name)
	for _, e := range p.Entities {
		fmt.Printf("%-9s %-26s %-20q %s\n", e.Kind, e.Name, e.Surface, e.Rule)
	}
	// Output:
	// name: EchoNet
	// dataset   EchoSet                    "EchoSet"            pattern:called
	// model     Llama-2-7B                 "Llama-2-7B"         gazetteer:variant
	// dataset   WSJ0-2mix                  "WSJ0-2/3mix"        coordination
	// dataset   WSJ0-3mix                  "WSJ0-2/3mix"        coordination
	// dataset   LibriSpeech                "LibriSpeech"        gazetteer
	// model     TF-GridNet                 "TF-GridNet"         gazetteer
	// repo      github.com/example/echonet "https://github.com/Example/EchoNet" url
}

func ExampleLoadEntities() {
	list := "# kind\tname\taliases\tflags\n" +
		"dataset\tZorpSet\tZorp-Set|ZS\n" +
		"stop\tCLIP\n"
	g, err := extract.LoadEntities(strings.NewReader(list))
	if err != nil {
		fmt.Println(err)
		return
	}
	x, err := extract.New(extract.Config{Entities: []*extract.Gazetteer{g}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range x.Text("We train CLIP on Zorp-Set and ImageNet.") {
		fmt.Println(e.Kind, e.Name, e.Surface)
	}
	// Output:
	// dataset ZorpSet Zorp-Set
	// dataset ImageNet ImageNet
}

// The extraction stage of a batch: each paper once, then the batch pass
// that finds the papers' names in each other's text.
func ExampleNameRefs() {
	papers := []papergraph.Paper{
		{ArXiv: "2401.00001", Title: "ViT-X: Vision at scale", Abstract: "We train on ImageNet."},
		{ArXiv: "2401.00002", Title: "Better baselines", Abstract: "Unlike ViT-X, we train on ImageNet."},
	}
	x := extract.Default()
	for i := range papers {
		x.Paper(&papers[i])
	}
	extract.NameRefs(papers)
	for _, p := range papers {
		for _, r := range p.Refs {
			fmt.Printf("%s names %s: %q @%d in %s\n", p.Key(), r.Paper, r.Surface, r.Start, r.Source)
		}
	}
	// Output:
	// paper:2401.00002 names paper:2401.00001: "ViT-X" @7 in abstract
}

// EachIn extracts papers held in a slice on all cores, in place, and
// hands back their indices in order, each once its paper is done.
func ExampleEachIn() {
	papers := []papergraph.Paper{
		{ID: "a", Title: "One", Abstract: "We evaluate on ImageNet and COCO."},
		{ID: "b", Title: "Two", Abstract: "Code: https://github.com/example/two."},
		{ID: "c", Title: "Three", Abstract: "Nothing is named here."},
	}
	err := extract.EachIn(context.Background(), papers, 0, extract.Default().Paper, func(i int) error {
		var names []string
		for _, e := range papers[i].Entities {
			names = append(names, string(e.Kind)+":"+e.Name)
		}
		fmt.Println(papers[i].ID, names)
		return nil
	})
	fmt.Println("error:", err)
	// Output:
	// a [dataset:ImageNet dataset:MS COCO]
	// b [repo:github.com/example/two]
	// c []
	// error: <nil>
}

// A copy of a record is extracted, and what extraction set is given to
// the record itself later (as a build does for records extracted while
// the rest of its input is still being read).
func ExampleResult() {
	record := papergraph.Paper{ID: "a", Title: "One", Abstract: "We evaluate on ImageNet."}
	c := record
	extract.Default().Paper(&c)
	r := extract.ResultOf(&c)
	var none extract.Result
	fmt.Println(r.Done(), none.Done(), len(record.Entities))
	r.Give(&record)
	fmt.Println(record.Entities[0].Kind, record.Entities[0].Name)
	// Output:
	// true false 0
	// dataset ImageNet
}
