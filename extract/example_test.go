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
