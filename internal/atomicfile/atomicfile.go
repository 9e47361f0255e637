// Package atomicfile writes a file so that readers only ever see its old
// content or its complete new content: the bytes go to a temporary file in
// the destination's directory, which replaces the destination by a rename
// (atomic on POSIX) only when every byte was written, synced and closed. A
// failed or abandoned write removes the temporary file and leaves the
// destination as it was, so a failed run, an interrupted run or a full disk
// never truncates an earlier report or snapshot.
//
// A destination that exists and is not a regular file (a terminal,
// /dev/stdout, /dev/null, a named pipe) cannot be replaced by a rename: it
// is written in place.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a destination being written. Write to it, then Commit; Abort
// (safe after Commit, and safe to defer) drops what was written.
type File struct {
	path string // the destination (symbolic links resolved)
	tmp  string // the temporary file; "" when written in place
	f    *os.File
	w    io.Writer
	// failed remembers the first write error: a file that missed bytes is
	// never committed, even if a later Write succeeds.
	failed error
	done   bool
}

// Create starts writing path. perm is the mode of a new file before the
// umask, and the widest mode the file may have when it replaces an
// existing one: the existing file's permission bits are kept, narrowed to
// perm (a report keeps a chmod 600 its user made; a snapshot, written with
// 0600, never stays group- or world-readable).
//
// Create checks that the destination's directory exists and is writable by
// creating the temporary file there; nothing is visible at path until Commit.
func Create(path string, perm fs.FileMode) (*File, error) {
	dest := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		// Write through a symbolic link, as os.Create does, instead of
		// replacing the link with a file.
		dest = resolved
	}
	st, err := os.Stat(dest)
	switch {
	case err == nil && !st.Mode().IsRegular():
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory", path)
		}
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		return &File{path: dest, f: f, w: f}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	dir := filepath.Dir(dest)
	var f *os.File
	var tmp string
	for i := 0; ; i++ {
		tmp = filepath.Join(dir, "."+filepath.Base(dest)+"."+randomSuffix()+".tmp")
		// O_EXCL: never write into a file someone else made; the umask
		// applies to perm as for any new file.
		f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 10 {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if st != nil {
		if err := f.Chmod(st.Mode().Perm() & perm); err != nil {
			f.Close()
			os.Remove(tmp)
			return nil, err
		}
	}
	return &File{path: dest, tmp: tmp, f: f, w: f}, nil
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Name is the destination's path (symbolic links resolved).
func (a *File) Name() string { return a.path }

// File is the open file being written (the temporary file, or the
// destination itself when it is not a regular file); callers use it to
// ask whether the destination is a terminal.
func (a *File) File() *os.File { return a.f }

// Write writes to the temporary file. After a failed write the file will
// not be committed.
func (a *File) Write(p []byte) (int, error) {
	if a.failed != nil {
		return 0, a.failed
	}
	n, err := a.w.Write(p)
	if err != nil {
		a.failed = err
	}
	return n, err
}

// Commit makes the written content the destination's: it syncs and closes
// the temporary file and renames it over the destination. On any error
// the destination is left as it was and the temporary file is removed.
func (a *File) Commit() error {
	if a.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	a.done = true
	if a.tmp == "" {
		// Written in place (a device or pipe): nothing to rename.
		if err := a.f.Close(); err != nil && a.failed == nil {
			a.failed = err
		}
		return a.failed
	}
	err := a.failed
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.tmp, a.path)
	}
	if err != nil {
		os.Remove(a.tmp)
		return err
	}
	return nil
}

// Abort drops what was written: the temporary file is removed and the
// destination keeps its old content. It does nothing after Commit.
func (a *File) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	if a.tmp != "" {
		os.Remove(a.tmp)
	}
}
