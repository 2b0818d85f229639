package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"helpdesk/internal/api"
)

// spec is openapi.json, parsed once, with its schemas compiled on demand.
type spec struct {
	doc      map[string]any
	paths    []specPath
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	schemas  map[string]*jsonschema.Schema
	checked  map[string]int // "get /api/v1/tickets" → answers validated
}

type specPath struct {
	template string
	re       *regexp.Regexp
	params   int
}

var (
	specOnce sync.Once
	theSpec  *spec
	specErr  error
)

func loadSpec() (*spec, error) {
	specOnce.Do(func() {
		s := &spec{schemas: map[string]*jsonschema.Schema{}, checked: map[string]int{}}
		if specErr = json.Unmarshal(api.OpenAPI(), &s.doc); specErr != nil {
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI()))
		if err != nil {
			specErr = err
			return
		}
		s.compiler = jsonschema.NewCompiler()
		s.compiler.DefaultDraft(jsonschema.Draft2020)
		if specErr = s.compiler.AddResource("openapi.json", doc); specErr != nil {
			return
		}
		paths, _ := s.doc["paths"].(map[string]any)
		for p := range paths {
			n := strings.Count(p, "{")
			re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(p), `[^/]+`) + "$")
			s.paths = append(s.paths, specPath{template: p, re: re, params: n})
		}
		// A literal segment wins over a parameter, as in the mux.
		sort.Slice(s.paths, func(i, j int) bool { return s.paths[i].params < s.paths[j].params })
		theSpec = s
	})
	return theSpec, specErr
}

// operation finds the described operation of a request path.
func (s *spec) operation(method, path string) (string, map[string]any) {
	path, _, _ = strings.Cut(path, "?")
	for _, p := range s.paths {
		if p.re.MatchString(path) {
			ops := s.doc["paths"].(map[string]any)[p.template].(map[string]any)
			op, _ := ops[strings.ToLower(method)].(map[string]any)
			if op == nil {
				return "", nil
			}
			return p.template, op
		}
	}
	return "", nil
}

func pointer(parts ...string) string {
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~", "~0"), "/", "~1")
	}
	return "openapi.json#/" + strings.Join(parts, "/")
}

// checkDescribed fails the test when an answer of a described route is
// not described: its status (2xx explicitly, errors at least by
// "default") and, for JSON, its body against the schema.
func checkDescribed(t *testing.T, method, path string, status int, header http.Header, body []byte) {
	t.Helper()
	s, err := loadSpec()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	tpl, op := s.operation(method, path)
	if op == nil {
		return // no such route: the 404/405 answers of the mux
	}
	responses, _ := op["responses"].(map[string]any)
	code := strconv.Itoa(status)
	resp, ok := responses[code].(map[string]any)
	if !ok && status < 300 {
		t.Errorf("openapi.json: %s %s does not describe status %d", method, tpl, status)
		return
	}
	if !ok {
		code = "default"
		if resp, ok = responses[code].(map[string]any); !ok {
			t.Errorf("openapi.json: %s %s describes neither %d nor default", method, tpl, status)
			return
		}
	}
	if ref, ok := resp["$ref"].(string); ok { // #/components/responses/Error
		resp = s.doc["components"].(map[string]any)["responses"].(map[string]any)[strings.TrimPrefix(ref, "#/components/responses/")].(map[string]any)
	}
	key := strings.ToLower(method) + " " + tpl
	if !strings.HasPrefix(header.Get("Content-Type"), "application/json") {
		s.count(key)
		return
	}
	content, _ := resp["content"].(map[string]any)
	if _, ok := content["application/json"]; !ok {
		t.Errorf("openapi.json: %s %s %s answers JSON but describes none", method, tpl, code)
		return
	}
	loc := pointer("paths", tpl, strings.ToLower(method), "responses", code, "content", "application/json", "schema")
	if code == "default" || responses[code].(map[string]any)["$ref"] != nil {
		ref := responses[code].(map[string]any)["$ref"].(string)
		loc = pointer("components", "responses", strings.TrimPrefix(ref, "#/components/responses/"), "content", "application/json", "schema")
	}
	sch, err := s.schema(loc)
	if err != nil {
		t.Errorf("openapi.json: schema %s: %v", loc, err)
		return
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s %s: answer is not JSON: %v", method, path, err)
		return
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s (%d) does not match openapi.json %s %s:\n%v\nbody: %.600s", method, path, status, tpl, code, err, body)
		return
	}
	s.count(key)
}

func (s *spec) count(key string) {
	s.mu.Lock()
	s.checked[key]++
	s.mu.Unlock()
}

func (s *spec) schema(loc string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.schemas[loc]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(loc)
	if err == nil {
		s.schemas[loc] = sch
	}
	return sch, err
}

// operations lists "method /path" of every described operation.
func (s *spec) operations() []string {
	var out []string
	for p, v := range s.doc["paths"].(map[string]any) {
		for m := range v.(map[string]any) {
			switch m {
			case "get", "post", "put", "patch", "delete":
				out = append(out, m+" "+p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Every route the API registers is described, and every description is a
// route.
func TestEveryRouteDescribed(t *testing.T) {
	s, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.doc["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", v)
	}
	described := map[string]bool{}
	for _, op := range s.operations() {
		described[op] = true
	}
	routes := map[string]bool{}
	for _, p := range api.RoutePatterns() {
		method, path, _ := strings.Cut(p, " ")
		key := strings.ToLower(method) + " " + path
		routes[key] = true
		if !described[key] {
			t.Errorf("route %s is not described in openapi.json", p)
		}
	}
	for op := range described {
		if !routes[op] {
			t.Errorf("openapi.json describes %s, which is no route", op)
		}
	}
	if len(routes) < 25 {
		t.Errorf("only %d routes", len(routes))
	}
}

// TestMain checks, after a full run, that the suite exercised every
// described operation at least once with an answer that matched it.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code != 0 || flag.Lookup("test.run").Value.String() != "" || testing.Short() {
		os.Exit(code)
	}
	s, err := loadSpec()
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi.json:", err)
		os.Exit(1)
	}
	var missing []string
	for _, op := range s.operations() {
		if s.checked[op] == 0 {
			missing = append(missing, op)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: no answer of these operations was checked against openapi.json:\n  %s\n", strings.Join(missing, "\n  "))
		os.Exit(1)
	}
	os.Exit(code)
}
