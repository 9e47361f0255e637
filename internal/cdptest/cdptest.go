// Package cdptest drives Debian's headless chromium from tests and
// benchmarks (the HTML report's, the dashboard's): a minimal Chrome
// DevTools Protocol client over a minimal RFC 6455 WebSocket client,
// standard library only. Nothing but tests imports it.
package cdptest

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// ChromiumPath finds Debian's chromium. When it is absent the caller is
// skipped, unless SHOULDER_REQUIRE_CHROMIUM=1 (as .ci/run sets), which
// makes it a failure.
func ChromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "chromium not found: install Debian's chromium (apt-get install -y chromium) to run the HTML report in a real browser"
	if os.Getenv("SHOULDER_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(msg + " (SHOULDER_REQUIRE_CHROMIUM=1 forbids skipping)")
	}
	t.Skip(msg)
	return ""
}

// Browser is a headless chromium with one page attached over CDP.
type Browser struct {
	cmd  *exec.Cmd
	page *cdpConn
}

// Start launches chromium on a free loopback port and attaches to
// its first page. It is stopped when the test ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	bin := ChromiumPath(t)
	// Chromium's helper processes write to the profile until they exit, so
	// the directory is removed only after the whole process group is gone
	// (t.TempDir's cleanup would race them).
	profile, err := os.MkdirTemp("", "shoulder-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions",
		"--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--window-size=1400,1000", "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		_ = os.RemoveAll(profile)
		t.Fatalf("starting chromium: %v", err)
	}
	b := &Browser{cmd: cmd}
	t.Cleanup(func() {
		if b.page != nil {
			b.page.close()
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		var err error
		for i := 0; i < 20; i++ {
			if err = os.RemoveAll(profile); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("removing chromium's profile %s: %v", profile, err)
	})
	// Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`DevTools listening on (ws://\S+)`)
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	var ws string
	select {
	case ws = <-found:
	case <-time.After(60 * time.Second):
		t.Fatal("chromium did not announce its DevTools endpoint within 60s")
	}
	if ws == "" {
		t.Fatal("chromium exited without a DevTools endpoint")
	}
	u, err := url.Parse(ws)
	if err != nil {
		t.Fatal(err)
	}
	pageWS, err := firstPage(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	c, err := dialCDP(pageWS)
	if err != nil {
		t.Fatal(err)
	}
	b.page = c
	if _, err := c.call("Page.enable", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.call("Runtime.enable", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.call("Log.enable", nil); err != nil {
		t.Fatal(err)
	}
	return b
}

// firstPage asks the DevTools HTTP endpoint for the page target.
func firstPage(host string) (string, error) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + host + "/json/list")
		if err == nil {
			var targets []struct {
				Type string `json:"type"`
				WS   string `json:"webSocketDebuggerUrl"`
			}
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
			if err == nil {
				for _, tg := range targets {
					if tg.Type == "page" && tg.WS != "" {
						return tg.WS, nil
					}
				}
			}
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no page target at %s: %v", host, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// navigate loads u and waits for the load event.
func (b *Browser) Navigate(t testing.TB, u string) time.Duration {
	t.Helper()
	start := time.Now()
	b.page.drainEvents()
	res, err := b.page.call("Page.navigate", map[string]any{"url": u})
	if err != nil {
		t.Fatal(err)
	}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	_ = json.Unmarshal(res, &nav)
	if nav.ErrorText != "" {
		t.Fatalf("navigating to %s: %s", u, nav.ErrorText)
	}
	if err := b.page.waitEvent("Page.loadEventFired", 60*time.Second); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into out.
func (b *Browser) Eval(t testing.TB, expr string, out any) {
	t.Helper()
	res, err := b.page.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &r); err != nil {
		t.Fatal(err)
	}
	if r.Exception != nil {
		t.Fatalf("evaluating %s: %s %s", expr, r.Exception.Text, r.Exception.Exception.Description)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			t.Fatalf("evaluating %s: decoding %s: %v", expr, r.Result.Value, err)
		}
	}
}

// cdpConn is one WebSocket connection speaking CDP.
type cdpConn struct {
	conn   net.Conn
	br     *bufio.Reader
	nextID int
	events []string // method names of events seen and not yet drained
	logged []string // Log.entryAdded, Runtime.consoleAPICalled and Runtime.exceptionThrown events, whole
}

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// dialCDP opens a WebSocket (RFC 6455 client handshake) to a ws:// URL.
func dialCDP(wsURL string) (*cdpConn, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("dialing %s: %w", u.Host, err)
	}
	keyRaw := make([]byte, 16)
	if _, err := rand.Read(keyRaw); err != nil {
		return nil, err
	}
	key := base64.StdEncoding.EncodeToString(keyRaw)
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		conn.Close()
		return nil, err
	}
	br := bufio.NewReaderSize(conn, 1<<16)
	resp, err := http.ReadResponse(br, &http.Request{Method: "GET"})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %w", err)
	}
	resp.Body.Close()
	sum := sha1.Sum([]byte(key + wsGUID))
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Sec-WebSocket-Accept") != base64.StdEncoding.EncodeToString(sum[:]) {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake refused: %s", resp.Status)
	}
	return &cdpConn{conn: conn, br: br}, nil
}

func (c *cdpConn) close() {
	// A close frame (opcode 8, masked, empty payload), then the socket.
	_ = c.writeFrame(0x8, nil)
	c.conn.Close()
}

// writeFrame sends one final, masked frame (clients must mask).
func (c *cdpConn) writeFrame(opcode byte, payload []byte) error {
	hdr := []byte{0x80 | opcode}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	mask := make([]byte, 4)
	if _, err := rand.Read(mask); err != nil {
		return err
	}
	hdr = append(hdr, mask...)
	masked := make([]byte, len(payload))
	for i, p := range payload {
		masked[i] = p ^ mask[i%4]
	}
	_ = c.conn.SetWriteDeadline(time.Now().Add(30 * time.Second))
	_, err := c.conn.Write(append(hdr, masked...))
	return err
}

// readMessage reads one whole message, answering pings and joining
// continuation frames.
func (c *cdpConn) readMessage(deadline time.Time) ([]byte, error) {
	_ = c.conn.SetReadDeadline(deadline)
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(c.br, h[:]); err != nil {
			return nil, err
		}
		fin, opcode := h[0]&0x80 != 0, h[0]&0x0F
		n := uint64(h[1] & 0x7F)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(c.br, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(c.br, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		var mask []byte
		if h[1]&0x80 != 0 {
			mask = make([]byte, 4)
			if _, err := io.ReadFull(c.br, mask); err != nil {
				return nil, err
			}
		}
		if n > 1<<30 {
			return nil, fmt.Errorf("websocket frame of %d bytes", n)
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(c.br, payload); err != nil {
			return nil, err
		}
		if mask != nil {
			for i := range payload {
				payload[i] ^= mask[i%4]
			}
		}
		switch opcode {
		case 0x8:
			return nil, errors.New("websocket closed by chromium")
		case 0x9:
			if err := c.writeFrame(0xA, payload); err != nil {
				return nil, err
			}
			continue
		case 0xA:
			continue
		}
		msg = append(msg, payload...)
		if fin {
			return msg, nil
		}
	}
}

// call sends a CDP command and returns its result, recording the events
// that arrive meanwhile.
func (c *cdpConn) call(method string, params any) (json.RawMessage, error) {
	c.nextID++
	id := c.nextID
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	b, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	if err := c.writeFrame(0x1, b); err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	deadline := time.Now().Add(120 * time.Second)
	for {
		m, err := c.readMessage(deadline)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", method, err)
		}
		var resp struct {
			ID     int             `json:"id"`
			Method string          `json:"method"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(m, &resp); err != nil {
			return nil, fmt.Errorf("%s: bad CDP message: %w", method, err)
		}
		if resp.Method != "" {
			c.events = append(c.events, resp.Method)
			c.keepLogged(resp.Method, m)
			continue
		}
		if resp.ID != id {
			continue
		}
		if resp.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, resp.Error.Message)
		}
		return resp.Result, nil
	}
}

func (c *cdpConn) drainEvents() { c.events = nil }

// keepLogged keeps the whole message of an event that reports a log entry,
// a console call or an exception.
func (c *cdpConn) keepLogged(method string, m []byte) {
	switch method {
	case "Log.entryAdded", "Runtime.consoleAPICalled", "Runtime.exceptionThrown":
		c.logged = append(c.logged, string(m))
	}
}

// waitEvent waits until an event with the method name has arrived.
func (c *cdpConn) waitEvent(method string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		for _, e := range c.events {
			if e == method {
				return nil
			}
		}
		m, err := c.readMessage(deadline)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", method, err)
		}
		var ev struct {
			Method string `json:"method"`
		}
		if json.Unmarshal(m, &ev) == nil && ev.Method != "" {
			c.events = append(c.events, ev.Method)
			c.keepLogged(ev.Method, m)
		}
	}
}

// Logged returns the log entries, console calls and exceptions the page
// reported since the last ClearLogged (each event's whole message).
func (b *Browser) Logged() []string { return b.page.logged }

// ClearLogged forgets the events Logged returns.
func (b *Browser) ClearLogged() { b.page.logged = nil }

// FileURL turns a local path into a file:// URL.
func FileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// Screenshot captures the page as a PNG, width pixels wide (the window's
// 1400 at most) and as tall as its content up to maxHeight.
func (b *Browser) Screenshot(t testing.TB, maxHeight int) []byte {
	t.Helper()
	res, err := b.page.call("Page.getLayoutMetrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Content struct {
			Width  float64 `json:"width"`
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	if err := json.Unmarshal(res, &m); err != nil {
		t.Fatal(err)
	}
	h := min(m.Content.Height, float64(maxHeight))
	res, err = b.page.call("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": min(m.Content.Width, 1400), "height": h, "scale": 1}})
	if err != nil {
		t.Fatal(err)
	}
	var shot struct {
		Data string `json:"data"`
	}
	if err := json.Unmarshal(res, &shot); err != nil {
		t.Fatal(err)
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		t.Fatal(err)
	}
	return png
}
