package export

import (
	"fmt"
	"os"
)

// StdinName is the input name that stands for standard input in
// [CheckTargets] and [WriteFiles]: it is compared by the device and inode
// of file descriptor 0, so `papergraph build -o . - < nodes.csv` cannot
// replace the file the shell reads from.
const StdinName = "-"

// CheckTargets refuses, with an error wrapping [ErrOverwriteInput], a
// target path that is one of inputs: the same file by device and inode,
// so a second name, a symbolic link (to the input or from it) and a hard
// link are all caught. [StdinName] among inputs is standard input. Inputs
// and targets that do not exist yet are never the same file. Every file
// papergraph writes (outputs, profiles, caches) goes through this check.
func CheckTargets(targets, inputs []string) error {
	type input struct {
		name string
		fi   os.FileInfo
	}
	var ins []input
	for _, name := range inputs {
		var fi os.FileInfo
		var err error
		if name == StdinName {
			fi, err = os.Stdin.Stat()
		} else {
			fi, err = os.Stat(name)
		}
		if err == nil {
			ins = append(ins, input{name, fi})
		}
	}
	for _, t := range targets {
		fi, err := os.Stat(t)
		if err != nil {
			continue
		}
		for _, in := range ins {
			if os.SameFile(fi, in.fi) {
				what := in.name
				if what == StdinName {
					what = "standard input"
				}
				return fmt.Errorf("export: %s: %w %s", t, ErrOverwriteInput, what)
			}
		}
	}
	return nil
}
