package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// runPeak runs cmd and returns the child's own peak resident set in KiB:
// the largest VmHWM of /proc/PID/status, polled every 10 ms while it runs;
// and the largest anonymous part of it polled (RssAnon: the heap and
// stacks, without the binary's file pages, which a larger binary adds
// whatever the scan holds).
// The rusage of the child (ru_maxrss) is not its own: Go starts a child
// with vfork semantics (the child shares the parent's memory until it
// execs), and Linux records the high-water mark of that shared memory as
// the child's at exec, so every child of this benchmark, which serves the
// whole fake organization from its own heap, reported at least the
// benchmark's resident set (800 MiB for 200 accounts of 2,500 resources
// where shoulder itself never passed 411 MiB). What the last 10 ms before
// exit add is not seen.
// With secs, each poll also samples the binary's resident pages (-sections).
func runPeak(cmd *exec.Cmd, secs *sectionSampler) (peakKB, anonKB int64, err error) {
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	path := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan struct{})
	polled := make(chan [2]int64)
	go func() {
		var high, anon int64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			hwm, a := procStatus(path)
			high, anon = max(high, hwm), max(anon, a)
			if secs != nil {
				secs.sample(cmd.Process.Pid)
			}
			select {
			case <-done:
				polled <- [2]int64{high, anon}
				return
			case <-tick.C:
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	p := <-polled
	return p[0], p[1], err
}

// procStatus reads the VmHWM and RssAnon lines (KiB) of a /proc status
// file; 0 when gone.
func procStatus(path string) (hwm, anon int64) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0
	}
	kb := func(v []byte) int64 {
		n, _ := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
		return n
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:")); ok {
			hwm = kb(v)
		} else if v, ok := bytes.CutPrefix(sc.Bytes(), []byte("RssAnon:")); ok {
			anon = kb(v)
		}
	}
	return hwm, anon
}
