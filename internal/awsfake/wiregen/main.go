// Command wiregen writes the wire models the fake endpoint serializes SDK
// outputs with (internal/awsfake/wiremodels.json.gz): for every SDK output
// type the fake's source names (pkg.OpOutput), the operation's output shape
// and every shape reachable from it, taken from botocore's service models
// (the models the AWS CLI is built from), with only what a response's wire
// form depends on: member names, locationName, flattened lists, timestamp
// formats and the types.
//
// The fake cannot use the SDK's own serializers: the service modules are
// pinned to versions without schema-based (de)serialization (see
// ARCHITECTURE.md), whose output types have no Serialize method.
//
//	go generate ./internal/awsfake   # python3 with botocore on the path, or -botocore DIR
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/awsfake/wiremodel"
)

type botoModel struct {
	Metadata struct {
		Protocol  string   `json:"protocol"`
		Protocols []string `json:"protocols"`
		ServiceID string   `json:"serviceId"`
	} `json:"metadata"`
	Operations map[string]struct {
		Output *struct {
			Shape string `json:"shape"`
		} `json:"output"`
	} `json:"operations"`
	Shapes map[string]*wiremodel.Shape `json:"shapes"`
}

func main() {
	dir := flag.String("dir", ".", "the awsfake package directory whose sources name the outputs")
	out := flag.String("o", "wiremodels.json.gz", "output file")
	boto := flag.String("botocore", "", "botocore's data directory (default: from python3)")
	check := flag.String("check", "", "instead of writing, check that this models file has every output the sources name")
	flag.Parse()
	var err error
	if *check != "" {
		err = checkCovered(*dir, *check)
	} else {
		err = run(*dir, *out, *boto)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiregen:", err)
		os.Exit(1)
	}
}

func run(dir, out, boto string) error {
	if boto == "" {
		b, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))").Output()
		if err != nil {
			return fmt.Errorf("find botocore (pass -botocore): %w", err)
		}
		boto = strings.TrimSpace(string(b))
	}
	used, err := outputsNamed(dir)
	if err != nil {
		return err
	}
	byID, err := modelsByServiceID(boto)
	if err != nil {
		return err
	}
	models := map[string]*wiremodel.Service{}
	for pkg, ops := range used {
		id, err := sdkServiceID(pkg)
		if err != nil {
			return err
		}
		path, ok := byID[id]
		if !ok {
			return fmt.Errorf("%s: no botocore model with serviceId %q", pkg, id)
		}
		m, err := readModel(path)
		if err != nil {
			return err
		}
		svc := &wiremodel.Service{Protocol: m.Metadata.Protocol, Ops: map[string]string{}, Shapes: map[string]*wiremodel.Shape{}}
		if len(m.Metadata.Protocols) > 0 {
			svc.Protocol = m.Metadata.Protocols[0]
		}
		for _, op := range ops {
			o, ok := m.Operations[op]
			if !ok {
				return fmt.Errorf("%s: botocore has no operation %s", pkg, op)
			}
			if o.Output == nil {
				svc.Ops[op] = ""
				continue
			}
			svc.Ops[op] = o.Output.Shape
			if err := keep(m.Shapes, svc.Shapes, o.Output.Shape); err != nil {
				return fmt.Errorf("%s %s: %w", pkg, op, err)
			}
		}
		models[pkg] = svc
	}
	js, err := json.Marshal(models)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(js)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// checkCovered reports every output the sources name that the models file
// lacks.
func checkCovered(dir, file string) error {
	used, err := outputsNamed(dir)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	var models map[string]*wiremodel.Service
	if err := json.NewDecoder(zr).Decode(&models); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	var missing []string
	for pkg, ops := range used {
		for _, op := range ops {
			if m := models[pkg]; m == nil {
				missing = append(missing, pkg+"."+op+"Output")
			} else if _, ok := m.Ops[op]; !ok {
				missing = append(missing, pkg+"."+op+"Output")
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("%s lacks %s: run go generate ./internal/awsfake", file, strings.Join(missing, ", "))
	}
	return nil
}

// keep copies name and every shape reachable from it into dst.
func keep(src, dst map[string]*wiremodel.Shape, name string) error {
	if _, done := dst[name]; done {
		return nil
	}
	s, ok := src[name]
	if !ok {
		return fmt.Errorf("no shape %s", name)
	}
	dst[name] = s
	var refs []*wiremodel.Member
	for _, m := range s.Members {
		refs = append(refs, m)
	}
	refs = append(refs, s.Member, s.Key, s.Value)
	for _, r := range refs {
		if r == nil {
			continue
		}
		if err := keep(src, dst, r.Shape); err != nil {
			return err
		}
	}
	return nil
}

// outputsNamed is every SDK output type the non-test Go sources in dir name, as
// SDK package path -> operation names.
func outputsNamed(dir string) (map[string][]string, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	seen := map[string]map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue // tests name outputs the fake does not serve
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		imports := map[string]string{}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if !strings.HasPrefix(p, "github.com/aws/aws-sdk-go-v2/service/") || strings.Count(p, "/") != 4 {
				continue
			}
			name := filepath.Base(p)
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = p
		}
		ast.Inspect(af, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok || imports[x.Name] == "" || !strings.HasSuffix(sel.Sel.Name, "Output") || !ast.IsExported(sel.Sel.Name) {
				return true
			}
			p := imports[x.Name]
			if seen[p] == nil {
				seen[p] = map[string]bool{}
			}
			seen[p][strings.TrimSuffix(sel.Sel.Name, "Output")] = true
			return true
		})
	}
	out := map[string][]string{}
	for p, ops := range seen {
		for op := range ops {
			out[p] = append(out[p], op)
		}
		sort.Strings(out[p])
	}
	return out, nil
}

var serviceIDConst = regexp.MustCompile(`(?m)^const ServiceID = "([^"]+)"`)

// sdkServiceID reads the package's ServiceID constant from its source.
func sdkServiceID(pkg string) (string, error) {
	b, err := exec.Command("go", "list", "-f", "{{.Dir}}", pkg).Output()
	if err != nil {
		return "", fmt.Errorf("go list %s: %w", pkg, err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(b)), "api_client.go"))
	if err != nil {
		return "", err
	}
	m := serviceIDConst.FindSubmatch(src)
	if m == nil {
		return "", fmt.Errorf("%s: no ServiceID constant", pkg)
	}
	return string(m[1]), nil
}

// modelsByServiceID maps each botocore serviceId to its newest model file.
func modelsByServiceID(boto string) (map[string]string, error) {
	dirs, err := os.ReadDir(boto)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		vers, _ := filepath.Glob(filepath.Join(boto, d.Name(), "*", "service-2.json*"))
		if len(vers) == 0 {
			continue
		}
		sort.Strings(vers)
		path := vers[len(vers)-1]
		m, err := readModel(path)
		if err != nil {
			return nil, err
		}
		out[m.Metadata.ServiceID] = path
	}
	return out, nil
}

func readModel(path string) (*botoModel, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r interface{ Read([]byte) (int, error) } = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	var m botoModel
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}
