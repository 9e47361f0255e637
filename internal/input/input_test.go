package input

import (
	"errors"
	"io"
	"io/fs"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenRefuses: anything but a regular file within its cap is refused
// before a byte is read, and a FIFO without a writer does not block.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	link := filepath.Join(dir, "link")
	if err := os.Symlink(small, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		limit      int64
		want       error
		wantMsg    string
	}{
		{"regular file", small, 10, nil, ""},
		{"symbolic link to a regular file", link, 10, nil, ""},
		{"no cap (off)", small, math.MaxInt64, nil, ""},
		{"directory", dir, 1 << 30, ErrNotRegular, "a directory"},
		{"/dev/zero", "/dev/zero", 1 << 30, ErrNotRegular, "a character device"},
		{"/dev/urandom", "/dev/urandom", 1 << 30, ErrNotRegular, "a character device"},
		{"named pipe", fifo, 1 << 30, ErrNotRegular, "a named pipe"},
		{"socket", sock, 1 << 30, ErrNotRegular, "a socket"},
		{"above the cap", small, 9, ErrTooLarge, "it is 10 B, above the limit of 9 B (set SETTING to raise it"},
		{"missing", filepath.Join(dir, "nope"), 10, fs.ErrNotExist, "file does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadFile(tc.path, Limit{Bytes: tc.limit, Setting: "SETTING"})
			if tc.want == nil {
				if err != nil || string(b) != "0123456789" {
					t.Fatalf("got %q, %v", b, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != tc.path {
				t.Errorf("error %#v does not carry the path %s", err, tc.path)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q lacks %q", err, tc.wantMsg)
			}
		})
	}
}

// TestReadStopsAtCap: a file that grows past its cap after it was opened
// fails when the cap is crossed, not when memory runs out.
func TestReadStopsAtCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "growing")
	if err := os.WriteFile(path, []byte("0123"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path, Limit{Bytes: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteString(strings.Repeat("x", 100)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	b, err := io.ReadAll(f)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "grew past the limit of 8 B") {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if len(b) > 9 {
		t.Errorf("read %d bytes past a cap of 8", len(b))
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 B", 1 << 20: "1 MiB", 2 << 30: "2 GiB", 1536: "1.5 KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
