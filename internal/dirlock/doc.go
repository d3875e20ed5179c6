// Package dirlock serialises papergraph's processes that write into one
// directory (outputs, the response cache): an exclusive flock(2) on the
// directory itself, released when the process ends however it ends, so
// that a temporary file seen by the lock's holder belongs to no live
// writer.
package dirlock
