package engine

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/shoulder-dev/shoulder/internal/check"
)

// Spill keeps findings in a file, a batch at a time, instead of memory:
// an organization's report keeps each account's results in one
// (Combiner.SpillTo), a single account's scan its results as the engine
// streams them (SpillSink), and the report's writers read them back a
// batch at a time (ReadSpill). The batches are gob streams of []Finding.
type Spill struct {
	f    *os.File
	bw   *bufio.Writer
	enc  *gob.Encoder
	path string
}

// CreateSpill creates (or truncates) the spill file at path.
func CreateSpill(path string) (*Spill, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("keeping results in %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	return &Spill{f: f, bw: bw, enc: gob.NewEncoder(bw), path: path}, nil
}

// Write appends one batch of findings.
func (s *Spill) Write(fs []Finding) error {
	if err := s.enc.Encode(fs); err != nil {
		return fmt.Errorf("keeping results in %s: %w", s.path, err)
	}
	return nil
}

// Close writes what is buffered and closes the file.
func (s *Spill) Close() error {
	err := s.bw.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("keeping results in %s: %w", s.path, err)
	}
	return nil
}

// ReadSpill passes the batches of the spill file at path to fn, one at a
// time in the order they were written; each batch is a new slice.
func ReadSpill(path string, fn func([]Finding) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading back results: %w", err)
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	for {
		// A new slice each time: gob leaves the fields a batch omits (its
		// zero values) as the slice held them.
		var fs []Finding
		if err := dec.Decode(&fs); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("reading back results from %s: %w", path, err)
		}
		if err := fn(fs); err != nil {
			return err
		}
	}
}

// SpillSink is a Sink that writes each check's findings to s (a single
// account's results kept out of memory while the engine streams them);
// each batch is also passed to also (nil: none), e.g. a digest. With
// dropTags the findings' tags are not kept (no writer prints them).
func SpillSink(s *Spill, dropTags bool, also func([]Finding)) Sink {
	return &spillSink{s: s, dropTags: dropTags, also: also}
}

type spillSink struct {
	s        *Spill
	dropTags bool
	also     func([]Finding)
}

func (k *spillSink) Start(*Report) error { return nil }

func (k *spillSink) Findings(_ *check.Check, fs []Finding) error {
	if len(fs) == 0 {
		return nil
	}
	if k.dropTags {
		for i := range fs {
			fs[i].Tags = nil
		}
	}
	if k.also != nil {
		k.also(fs)
	}
	return k.s.Write(fs)
}

func (k *spillSink) End(*Report) error { return nil }
