package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/atomicfile/atomicfiletest"
)

// leftovers lists the files in dir other than the given names.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		ok := false
		for _, k := range keep {
			ok = ok || e.Name() == k
		}
		if !ok {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestCommitReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(p, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, "new content"); err != nil {
		t.Fatal(err)
	}
	// Before Commit the destination still has its old content.
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Fatalf("before commit: %q", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // a deferred Abort after Commit changes nothing
	if b, _ := os.ReadFile(p); string(b) != "new content" {
		t.Fatalf("after commit: %q", b)
	}
	if l := leftovers(t, dir, "report.json"); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// TestFailedWriteKeepsTheOldFile: a write that fails part way (a full disk,
// simulated by a size-limited writer) or a run that gives up (Abort) leaves
// the destination with its old content, or absent, and no temporary file.
func TestFailedWriteKeepsTheOldFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		old   bool
		abort bool
	}{
		{"full disk over an old file", true, false},
		{"full disk, no old file", false, false},
		{"aborted over an old file", true, true},
		{"aborted, no old file", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out.html")
			if tc.old {
				if err := os.WriteFile(p, []byte("earlier report"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Create(p, 0o666)
			if err != nil {
				t.Fatal(err)
			}
			f.w = &atomicfiletest.FullDisk{W: f.f, Room: 10}
			_, werr := io.WriteString(f, strings.Repeat("x", 100))
			if tc.abort {
				f.Abort()
			} else {
				if !errors.Is(werr, syscall.ENOSPC) {
					t.Fatalf("write error = %v", werr)
				}
				// A later small write that would fit must not make the
				// truncated file committable.
				if _, err := f.Write([]byte("y")); err == nil {
					t.Error("a write after a failed one succeeded")
				}
				if err := f.Commit(); !errors.Is(err, syscall.ENOSPC) {
					t.Fatalf("commit = %v, want the write error", err)
				}
			}
			b, err := os.ReadFile(p)
			switch {
			case tc.old && string(b) != "earlier report":
				t.Errorf("destination = %q (%v), want its old content", b, err)
			case !tc.old && !errors.Is(err, fs.ErrNotExist):
				t.Errorf("a truncated file was left: %q", b)
			}
			keep := []string{}
			if tc.old {
				keep = append(keep, "out.html")
			}
			if l := leftovers(t, dir, keep...); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

func TestModes(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, tc := range []struct {
		name       string
		existing   fs.FileMode // 0: no existing file
		perm, want fs.FileMode
	}{
		{"new report follows the umask", 0, 0o666, 0o644},
		{"new snapshot is private", 0, 0o600, 0o600},
		{"overwritten snapshot becomes private", 0o644, 0o600, 0o600},
		{"overwritten private report stays private", 0o600, 0o666, 0o600},
		{"overwritten report keeps its mode", 0o664, 0o666, 0o664},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			if tc.existing != 0 {
				if err := os.WriteFile(p, nil, tc.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, tc.existing); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Create(p, tc.perm)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Commit(); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != tc.want {
				t.Errorf("mode = %o, want %o", st.Mode().Perm(), tc.want)
			}
		})
	}
}

// TestDevicesAreWrittenInPlace: -o /dev/stdout or /dev/null must not try
// to replace the device with a file.
func TestDevicesAreWrittenInPlace(t *testing.T) {
	f, err := Create(os.DevNull, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, "discarded"); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(os.DevNull)
	if err != nil || st.Mode()&fs.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, st, err)
	}
}

func TestSymlinkIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	f, err := Create(link, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q", b)
	}
}

func TestMissingDirectory(t *testing.T) {
	_, err := Create(filepath.Join(t.TempDir(), "no", "such", "f"), 0o666)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v", err)
	}
}
