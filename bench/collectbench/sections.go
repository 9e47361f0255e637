package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// sectionSampler measures which of a child's binary's pages are resident,
// by ELF section (-sections): the kernel maps a file-backed page into the
// process when it is touched and, by fault-around, its cached neighbours
// up to 64 KiB, so code run once, read-only data and the runtime's
// function tables (.gopclntab, read to unwind stacks for the garbage
// collector and for stack growth) count in the resident set like the
// heap does. It reads /proc/PID/maps and /proc/PID/pagemap (the present
// bit, readable for a child of the same user) and keeps the sample with
// the most resident pages.
type sectionSampler struct {
	exe      string
	sections []*elf.Section
	best     map[string]int64 // bytes resident by section at the best sample
	bestAll  int64
}

func newSectionSampler(exe string) (*sectionSampler, error) {
	f, err := elf.Open(exe)
	if err != nil {
		return nil, fmt.Errorf("-sections: %w", err)
	}
	defer f.Close()
	s := &sectionSampler{exe: exe}
	for _, sec := range f.Sections {
		if sec.Addr != 0 && sec.Size > 0 && sec.Flags&elf.SHF_ALLOC != 0 && sec.Type != elf.SHT_NOBITS {
			s.sections = append(s.sections, sec)
		}
	}
	sort.Slice(s.sections, func(i, j int) bool { return s.sections[i].Addr < s.sections[j].Addr })
	return s, nil
}

// sample reads pid's resident pages of the binary; a process gone or a
// file not readable leaves the best sample as it was.
func (s *sectionSampler) sample(pid int) {
	maps, err := os.ReadFile(fmt.Sprintf("/proc/%d/maps", pid))
	if err != nil {
		return
	}
	pm, err := os.Open(fmt.Sprintf("/proc/%d/pagemap", pid))
	if err != nil {
		return
	}
	defer pm.Close()
	got := map[string]int64{}
	var all int64
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[5] != s.exe {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		const page = 4096
		buf := make([]byte, (end-start)/page*8)
		if _, err := pm.ReadAt(buf, int64(start/page*8)); err != nil {
			continue
		}
		for i := uint64(0); i < (end-start)/page; i++ {
			if binary.LittleEndian.Uint64(buf[i*8:])&(1<<63) == 0 {
				continue
			}
			addr := start + i*page
			all += page
			got[s.sectionOf(addr)] += page
		}
	}
	if all > s.bestAll {
		s.bestAll, s.best = all, got
	}
}

// sectionOf names the section a page starts in ("other" between them).
func (s *sectionSampler) sectionOf(addr uint64) string {
	i := sort.Search(len(s.sections), func(i int) bool { return s.sections[i].Addr+s.sections[i].Size > addr })
	if i < len(s.sections) && s.sections[i].Addr <= addr+4095 {
		return s.sections[i].Name
	}
	return "other"
}

// String is the best sample: the total and the sections of 0.1 MiB or more.
func (s *sectionSampler) String() string {
	if s == nil || s.bestAll == 0 {
		return "no sample"
	}
	var names []string
	for n := range s.best {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return s.best[names[i]] > s.best[names[j]] })
	var b strings.Builder
	fmt.Fprintf(&b, "%.1f MiB of the binary resident at most:", float64(s.bestAll)/(1<<20))
	for _, n := range names {
		if v := s.best[n]; v >= 1<<20/10 {
			fmt.Fprintf(&b, " %s %.1f MiB", n, float64(v)/(1<<20))
		}
	}
	return b.String()
}
