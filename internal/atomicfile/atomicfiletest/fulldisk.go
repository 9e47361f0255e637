// Package atomicfiletest simulates a disk that fills up, for the tests that
// prove a failed write never leaves a truncated file looking complete.
package atomicfiletest

import (
	"io"
	"syscall"
)

// FullDisk is a writer on a disk that has Room bytes left: it writes what
// fits, then fails with ENOSPC as a full file system does.
type FullDisk struct {
	W    io.Writer
	Room int
}

// Write writes p, or as much of it as fits and ENOSPC.
func (d *FullDisk) Write(p []byte) (int, error) {
	if len(p) > d.Room {
		n, _ := d.W.Write(p[:d.Room])
		d.Room = 0
		return n, syscall.ENOSPC
	}
	d.Room -= len(p)
	return d.W.Write(p)
}
