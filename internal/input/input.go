// Package input opens the files shoulder reads (snapshots, the policy file,
// results given to diff) as bounded regular files: a directory, a device
// such as /dev/zero or /dev/urandom, a FIFO or a socket is refused before
// anything is read, and a file larger than its cap is refused before it is
// read, or when it grows past the cap while being read. Every reader of
// such a file goes through Open or ReadFile, so the rule lives here.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limit caps the size of one kind of input and says how to raise the cap.
type Limit struct {
	// Bytes is the largest size accepted.
	Bytes int64
	// Setting names what raises the cap, for the error message, e.g.
	// "SHOULDER_MAX_SNAPSHOT_SIZE".
	Setting string
}

// ErrNotRegular is returned (wrapped) for a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned (wrapped) for a file above its Limit.
var ErrTooLarge = errors.New("file too large")

// Error is a problem opening or reading one input. Its message does not
// repeat the path: the caller's error names the file in its own words
// ("snapshot FILE: ...", "policy file FILE: ...").
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// File is an open bounded input. Read fails with ErrTooLarge once more
// than the limit has been read.
type File struct {
	f    *os.File
	left int64
	l    Limit
	// Size is the file's size when it was opened.
	Size int64
}

// Open opens path for reading if it is a regular file (symbolic links are
// followed) of at most l.Bytes. Errors are *Error; a missing file wraps
// fs.ErrNotExist.
func Open(path string, l Limit) (*File, error) {
	// Stat before opening: opening a FIFO would block until a writer came.
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Err: statError(err)}
	}
	if err := check(st, l); err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: statError(err)}
	}
	// The path may have been replaced between the two calls.
	st, err = f.Stat()
	if err == nil {
		err = check(st, l)
	}
	if err != nil {
		f.Close()
		return nil, &Error{Path: path, Err: err}
	}
	return &File{f: f, left: l.Bytes, l: l, Size: st.Size()}, nil
}

func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errNotExist{}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err // the path is the caller's to name
	}
	return err
}

// errNotExist words a missing file; errors.Is matches fs.ErrNotExist.
type errNotExist struct{}

func (errNotExist) Error() string        { return "file does not exist" }
func (errNotExist) Is(target error) bool { return target == fs.ErrNotExist }

// check refuses anything but a regular file within the limit.
func check(st fs.FileInfo, l Limit) error {
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w (%s): give the path of a file", ErrNotRegular, kind(st.Mode()))
	}
	if st.Size() > l.Bytes {
		return tooLarge(l, st.Size())
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

func tooLarge(l Limit, size int64) error {
	return limitError(l, fmt.Sprintf("it is %s, above the limit of %s", FormatSize(size), FormatSize(l.Bytes)))
}

func grewPast(l Limit) error {
	return limitError(l, fmt.Sprintf("it grew past the limit of %s while being read", FormatSize(l.Bytes)))
}

func limitError(l Limit, msg string) error {
	if l.Setting != "" {
		msg += " (set " + l.Setting + " to raise it, e.g. 4GiB, or off)"
	}
	return fmt.Errorf("%w: %s", ErrTooLarge, msg)
}

// Read reads from the file, failing once more than the limit was read.
func (f *File) Read(p []byte) (int, error) {
	if f.left < 0 {
		return 0, &Error{Path: f.f.Name(), Err: grewPast(f.l)}
	}
	if int64(len(p)) > f.left { // one byte past the cap shows it was crossed
		p = p[:f.left+1]
	}
	n, err := f.f.Read(p)
	f.left -= int64(n)
	if f.left < 0 {
		return n, &Error{Path: f.f.Name(), Err: grewPast(f.l)}
	}
	return n, err
}

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// ReadFile reads the whole of a bounded regular file.
func ReadFile(path string, l Limit) ([]byte, error) {
	f, err := Open(path, l)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 0, f.Size+512)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				return nil, err
			}
			return nil, &Error{Path: path, Err: err}
		}
	}
}

// FormatSize words a byte count for people: 2 GiB, 1 MiB, 87.3 MiB, 512 B.
func FormatSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
