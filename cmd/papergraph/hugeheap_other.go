//go:build !linux

package main

// hugeHeap does nothing where the kernel takes no advice on huge pages.
func hugeHeap(int64) {}
