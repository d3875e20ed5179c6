package read_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/papergraph/papergraph"
	"github.com/papergraph/papergraph/extract/read"
)

// Open detects the format; Next streams papers and reports a bad record
// with its position without stopping.
func ExampleOpen() {
	const bib = `@article{vaswani2017,
  title  = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  eprint = {1706.03762v7}, archivePrefix = {arXiv},
}
@misc{broken, author = {Nobody}}
@inproceedings{m{\"u}ller2023,
  title = {{\"U}ber {N}etze},
  doi   = {https://doi.org/10.1000/ABC},
}`
	r, err := read.Open(strings.NewReader(bib), "library.bib", read.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("format:", r.Format())
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, read.ErrMalformed) {
			fmt.Println("skipped:", err)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s line %d: %q arXiv=%q doi=%q authors=%q\n", p.Key(), p.Pos.Line, p.Title, p.ArXiv, p.DOI, p.Authors)
	}
	// Output:
	// format: bibtex
	// paper:1706.03762 line 1: "Attention Is All You Need" arXiv="1706.03762" doi="" authors=["Ashish Vaswani" "Noam Shazeer"]
	// skipped: read: library.bib:6: bibtex: entry "broken" has no title
	// paper:doi:10.1000/abc line 7: "Über Netze" arXiv="" doi="10.1000/abc" authors=[]
}

// Merge folds the same paper read from different sources.
func ExampleMerge() {
	papers := []papergraph.Paper{
		{Title: "Attention Is All You Need", ArXiv: "1706.03762", Abstract: "Short."},
		{Title: "Deep Residual Learning for Image Recognition", DOI: "10.1109/cvpr.2016.90"},
		{Title: "Attention is all you need", OpenAlex: "W2963403868", Abstract: "The dominant sequence transduction models ..."},
		{Title: "Deep residual learning", DOI: "10.1109/CVPR.2016.90", ArXiv: "1512.03385"},
	}
	merged, st := papergraph.Merge(papers)
	for _, p := range merged {
		fmt.Printf("%s %q openalex=%q abstract=%q\n", p.Key(), p.Title, p.OpenAlex, p.Abstract)
	}
	fmt.Printf("%d in, %d out: %d by arXiv id, %d by DOI, %d by title\n", st.In, st.Out, st.ByArXiv, st.ByDOI, st.ByTitle)
	// Output:
	// paper:1706.03762 "Attention Is All You Need" openalex="W2963403868" abstract="The dominant sequence transduction models ... Short."
	// paper:1512.03385 "Deep residual learning" openalex="" abstract=""
	// 4 in, 2 out: 0 by arXiv id, 1 by DOI, 1 by title
}
