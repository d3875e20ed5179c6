package extract_test

import (
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
