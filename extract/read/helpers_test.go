package read

import "io"

var errEOF = io.EOF
