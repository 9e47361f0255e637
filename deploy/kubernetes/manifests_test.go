// Package kubernetes holds the Kubernetes manifests of shoulder (plain YAML
// with kustomize, docs/kubernetes.md); its test decodes every manifest
// strictly into the Kubernetes API types and checks how they are wired.
package kubernetes

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"sigs.k8s.io/yaml"
)

// kustomization is the part of kustomize's Kustomization these manifests
// use; decoding strictly refuses any other field (a typo would otherwise be
// silently ignored by this test, not by kustomize).
type kustomization struct {
	APIVersion string              `json:"apiVersion"`
	Kind       string              `json:"kind"`
	Namespace  string              `json:"namespace,omitempty"`
	Labels     []kustomizeLabels   `json:"labels,omitempty"`
	Resources  []string            `json:"resources"`
	Images     []kustomizeImage    `json:"images,omitempty"`
	Patches    []kustomizePatchRef `json:"patches,omitempty"`
}

type kustomizeLabels struct {
	Pairs map[string]string `json:"pairs"`
}

type kustomizeImage struct {
	Name    string `json:"name"`
	NewTag  string `json:"newTag,omitempty"`
	NewName string `json:"newName,omitempty"`
	Digest  string `json:"digest,omitempty"`
}

type kustomizePatchRef struct {
	Path string `json:"path"`
}

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

// manifests are one directory's objects, decoded.
type manifests struct {
	dir            string
	kust           *kustomization
	jobs           []*batchv1.Job
	cronJobs       []*batchv1.CronJob
	secrets        []*corev1.Secret
	serviceAccount []*corev1.ServiceAccount
	namespaces     []*corev1.Namespace
	files          []string // manifest files other than kustomization.yaml
}

// decodeStrict decodes YAML into v refusing unknown and duplicate fields.
func decodeStrict(b []byte, v any) error {
	return yaml.UnmarshalStrict(b, v)
}

// load decodes every YAML file of dir strictly into its Kubernetes type by
// apiVersion and kind; a kind this test does not know is an error.
func load(dir string) (*manifests, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	m := &manifests{dir: dir}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(b, []byte("\n---")) {
			return nil, fmt.Errorf("%s: one object per file", name)
		}
		var tm typeMeta
		if err := yaml.Unmarshal(b, &tm); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if filepath.Base(name) == "kustomization.yaml" {
			k := &kustomization{}
			if err := decodeStrict(b, k); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
				return nil, fmt.Errorf("%s: %s %s, want kustomize.config.k8s.io/v1beta1 Kustomization", name, k.APIVersion, k.Kind)
			}
			m.kust = k
			continue
		}
		m.files = append(m.files, filepath.Base(name))
		var obj any
		switch tm.APIVersion + " " + tm.Kind {
		case "batch/v1 Job":
			j := &batchv1.Job{}
			m.jobs, obj = append(m.jobs, j), j
		case "batch/v1 CronJob":
			c := &batchv1.CronJob{}
			m.cronJobs, obj = append(m.cronJobs, c), c
		case "v1 Secret":
			s := &corev1.Secret{}
			m.secrets, obj = append(m.secrets, s), s
		case "v1 ServiceAccount":
			s := &corev1.ServiceAccount{}
			m.serviceAccount, obj = append(m.serviceAccount, s), s
		case "v1 Namespace":
			n := &corev1.Namespace{}
			m.namespaces, obj = append(m.namespaces, n), n
		default:
			return nil, fmt.Errorf("%s: %q %q is not a kind this test decodes", name, tm.APIVersion, tm.Kind)
		}
		if err := decodeStrict(b, obj); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if m.kust == nil {
		return nil, fmt.Errorf("%s: no kustomization.yaml", dir)
	}
	return m, nil
}

// TestDecodeStrict: the strict decoding this test relies on refuses an
// unknown field, a misplaced one and a duplicate key.
func TestDecodeStrict(t *testing.T) {
	for _, doc := range []string{
		"apiVersion: batch/v1\nkind: Job\nspec:\n  completion: 4\n",
		"apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          readOnlyRootFilesystem: true\n",
		"apiVersion: batch/v1\nkind: Job\nspec:\n  parallelism: 4\n  parallelism: 2\n",
	} {
		if err := decodeStrict([]byte(doc), &batchv1.Job{}); err == nil {
			t.Errorf("decoded without error:\n%s", doc)
		}
	}
	if err := decodeStrict([]byte("apiVersion: batch/v1\nkind: Job\nspec:\n  parallelism: 4\n"), &batchv1.Job{}); err != nil {
		t.Errorf("a valid Job refused: %v", err)
	}
}

var (
	// shardArgRe is how the shard reaches shoulder: --shard=$(VAR)/N.
	shardArgRe = regexp.MustCompile(`^--shard=\$\(([A-Z_][A-Z0-9_]*)\)/([0-9]+)$`)
	runIDArgRe = regexp.MustCompile(`^--run-id=\$\(([A-Z_][A-Z0-9_]*)\)$`)
)

const (
	completionIndexPath = "metadata.annotations['batch.kubernetes.io/job-completion-index']"
	jobUIDPath          = "metadata.labels['batch.kubernetes.io/controller-uid']"
)

// checkJobSpec checks one Indexed Job's wiring against the Secret and
// ServiceAccount names of its directory.
func checkJobSpec(spec *batchv1.JobSpec, secret *corev1.Secret, sa *corev1.ServiceAccount) error {
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		return fmt.Errorf("completionMode is not Indexed")
	}
	pod := &spec.Template.Spec
	if len(pod.Containers) != 1 {
		return fmt.Errorf("%d containers, want 1", len(pod.Containers))
	}
	c := &pod.Containers[0]
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	fieldOf := func(name string) string {
		e, ok := env[name]
		if !ok || e.ValueFrom == nil || e.ValueFrom.FieldRef == nil {
			return ""
		}
		return e.ValueFrom.FieldRef.FieldPath
	}
	var shards, runIDs int
	var sawScan, sawOrg, sawFailNone bool
	for _, a := range c.Args {
		switch {
		case a == "scan":
			sawScan = true
		case a == "--org":
			sawOrg = true
		case a == "--fail-on=none":
			sawFailNone = true
		case strings.HasPrefix(a, "--shard"):
			sm := shardArgRe.FindStringSubmatch(a)
			if sm == nil {
				return fmt.Errorf("%q: want --shard=$(VAR)/N", a)
			}
			if got := fieldOf(sm[1]); got != completionIndexPath {
				return fmt.Errorf("--shard's index $(%s) is %q, want the completion index %s", sm[1], got, completionIndexPath)
			}
			n, _ := strconv.Atoi(sm[2])
			if spec.Completions == nil || int(*spec.Completions) != n {
				return fmt.Errorf("--shard .../%d but completions %v", n, ptrVal(spec.Completions))
			}
			if spec.Parallelism == nil || int(*spec.Parallelism) != n {
				return fmt.Errorf("--shard .../%d but parallelism %v", n, ptrVal(spec.Parallelism))
			}
			shards++
		case strings.HasPrefix(a, "--run-id"):
			rm := runIDArgRe.FindStringSubmatch(a)
			if rm == nil {
				return fmt.Errorf("%q: want --run-id=$(VAR)", a)
			}
			if got := fieldOf(rm[1]); got != jobUIDPath {
				return fmt.Errorf("--run-id's $(%s) is %q, want the Job's UID %s (shared by its pods)", rm[1], got, jobUIDPath)
			}
			runIDs++
		}
	}
	switch {
	case !sawScan || !sawOrg:
		return fmt.Errorf("args %q: want scan --org", c.Args)
	case shards != 1 || runIDs != 1:
		return fmt.Errorf("args %q: want one --shard and one --run-id", c.Args)
	case !sawFailNone:
		return fmt.Errorf("args %q: without --fail-on=none a finding fails the pod and the Job retries it", c.Args)
	}
	store := env["SHOULDER_STORE"]
	if store.ValueFrom == nil || store.ValueFrom.SecretKeyRef == nil {
		return fmt.Errorf("SHOULDER_STORE is not read from a Secret")
	}
	ref := store.ValueFrom.SecretKeyRef
	if ref.Name != secret.Name {
		return fmt.Errorf("SHOULDER_STORE reads Secret %q, the Secret is %q", ref.Name, secret.Name)
	}
	if _, ok := secret.StringData[ref.Key]; !ok {
		if _, ok := secret.Data[ref.Key]; !ok {
			return fmt.Errorf("SHOULDER_STORE reads key %q, absent from Secret %s", ref.Key, secret.Name)
		}
	}
	if pod.ServiceAccountName != sa.Name {
		return fmt.Errorf("serviceAccountName %q, the ServiceAccount is %q", pod.ServiceAccountName, sa.Name)
	}
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		return fmt.Errorf("restartPolicy %q: backoffLimitPerIndex needs Never", pod.RestartPolicy)
	}
	if err := checkImage(c.Image); err != nil {
		return err
	}
	if err := checkSecurity(pod, c); err != nil {
		return err
	}
	return checkResources(pod, c)
}

func ptrVal(p *int32) any {
	if p == nil {
		return "unset"
	}
	return *p
}

// checkImage refuses an image without a tag or digest, or tagged latest.
func checkImage(image string) error {
	if _, digest, ok := strings.Cut(image, "@sha256:"); ok && len(digest) == 64 {
		return nil
	}
	slash := strings.LastIndex(image, "/")
	colon := strings.LastIndex(image, ":")
	if colon <= slash {
		return fmt.Errorf("image %q has no tag (it means latest)", image)
	}
	if tag := image[colon+1:]; tag == "" || tag == "latest" {
		return fmt.Errorf("image %q: tag %q, want a version", image, tag)
	}
	return nil
}

func checkSecurity(pod *corev1.PodSpec, c *corev1.Container) error {
	psc, sc := pod.SecurityContext, c.SecurityContext
	switch {
	case psc == nil || sc == nil:
		return fmt.Errorf("no security context")
	case psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot, psc.RunAsUser == nil || *psc.RunAsUser == 0:
		return fmt.Errorf("the pod may run as root")
	case psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault:
		return fmt.Errorf("no RuntimeDefault seccomp profile")
	case sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem:
		return fmt.Errorf("the root file system is writable")
	case sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation:
		return fmt.Errorf("privilege escalation allowed")
	case sc.Privileged != nil && *sc.Privileged:
		return fmt.Errorf("privileged container")
	case sc.Capabilities == nil || len(sc.Capabilities.Add) > 0 || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL":
		return fmt.Errorf("capabilities: want drop [ALL] and nothing added")
	}
	// Every place shoulder writes is a volume: the reports (--output) and /tmp.
	vols := map[string]bool{}
	for _, v := range pod.Volumes {
		vols[v.Name] = true
	}
	mounts := map[string]bool{}
	for _, m := range c.VolumeMounts {
		if !vols[m.Name] {
			return fmt.Errorf("mount %s of volume %q, which the pod does not have", m.MountPath, m.Name)
		}
		mounts[m.MountPath] = !m.ReadOnly
	}
	if !mounts["/tmp"] {
		return fmt.Errorf("no writable /tmp")
	}
	for _, a := range c.Args {
		if out, ok := strings.CutPrefix(a, "--output="); ok {
			top := "/" + strings.SplitN(strings.TrimPrefix(out, "/"), "/", 2)[0]
			if !mounts[top] {
				return fmt.Errorf("--output %s is not under a writable volume", out)
			}
		}
	}
	return nil
}

func checkResources(pod *corev1.PodSpec, c *corev1.Container) error {
	req, lim := c.Resources.Requests, c.Resources.Limits
	cpu, mem := req[corev1.ResourceCPU], req[corev1.ResourceMemory]
	if cpu.IsZero() || mem.IsZero() {
		return fmt.Errorf("requests cpu %s memory %s: both needed", cpu.String(), mem.String())
	}
	lmem := lim[corev1.ResourceMemory]
	if lmem.IsZero() || lmem.Cmp(mem) < 0 {
		return fmt.Errorf("memory limit %s below the request %s", lmem.String(), mem.String())
	}
	return nil
}

func one[T any](t *testing.T, dir, kind string, xs []*T) *T {
	t.Helper()
	if len(xs) != 1 {
		t.Fatalf("%s: %d %s, want 1", dir, len(xs), kind)
	}
	return xs[0]
}

// TestBase: the base decodes strictly, lists every manifest of its
// directory, and is wired: the completion index reaches --shard,
// completions and parallelism equal the shard count, the Job's UID is the
// run ID, the store's Secret and the ServiceAccount are used by name, the
// image is pinned, the pod is locked down; the CronJob runs the same Job.
func TestBase(t *testing.T) {
	m, err := load("base")
	if err != nil {
		t.Fatal(err)
	}
	listed := append([]string(nil), m.kust.Resources...)
	sort.Strings(listed)
	files := append([]string(nil), m.files...)
	sort.Strings(files)
	if strings.Join(listed, ",") != strings.Join(files, ",") {
		t.Errorf("kustomization resources %v, manifests in base %v", listed, files)
	}
	job := one(t, "base", "Jobs", m.jobs)
	cron := one(t, "base", "CronJobs", m.cronJobs)
	secret := one(t, "base", "Secrets", m.secrets)
	sa := one(t, "base", "ServiceAccounts", m.serviceAccount)
	if err := checkJobSpec(&job.Spec, secret, sa); err != nil {
		t.Errorf("job.yaml: %v", err)
	}
	if err := checkJobSpec(&cron.Spec.JobTemplate.Spec, secret, sa); err != nil {
		t.Errorf("cronjob.yaml: %v", err)
	}
	if !equality.Semantic.DeepEqual(job.Spec, cron.Spec.JobTemplate.Spec) {
		t.Errorf("the CronJob's jobTemplate.spec differs from job.yaml's spec")
	}
	if cron.Spec.ConcurrencyPolicy != batchv1.ForbidConcurrent {
		t.Errorf("CronJob concurrencyPolicy %q: two runs at once double the calls on every account", cron.Spec.ConcurrencyPolicy)
	}
	if !regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:role/[\w+=,.@-]+$`).MatchString(sa.Annotations["eks.amazonaws.com/role-arn"]) {
		t.Errorf("ServiceAccount: IRSA annotation eks.amazonaws.com/role-arn %q is not a role ARN", sa.Annotations["eks.amazonaws.com/role-arn"])
	}
	if sa.AutomountServiceAccountToken == nil || *sa.AutomountServiceAccountToken {
		t.Errorf("ServiceAccount mounts a Kubernetes API token the pods never use")
	}
}

// TestOverlay: the example overlay decodes strictly; its base and files
// exist; each patch names an object of the base; its image override names
// the base's image with a pinned tag.
func TestOverlay(t *testing.T) {
	dir := filepath.Join("overlays", "example")
	m, err := load(dir)
	if err != nil {
		t.Fatal(err)
	}
	base, err := load("base")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.kust.Resources {
		if _, err := os.Stat(filepath.Join(dir, r)); err != nil {
			t.Errorf("resource %s: %v", r, err)
		}
	}
	baseNames := map[string]bool{}
	for _, s := range base.serviceAccount {
		baseNames["ServiceAccount/"+s.Name] = true
	}
	for _, j := range base.jobs {
		baseNames["Job/"+j.Name] = true
	}
	for _, c := range base.cronJobs {
		baseNames["CronJob/"+c.Name] = true
	}
	for _, s := range base.secrets {
		baseNames["Secret/"+s.Name] = true
	}
	for _, p := range m.kust.Patches {
		b, err := os.ReadFile(filepath.Join(dir, p.Path))
		if err != nil {
			t.Errorf("patch %s: %v", p.Path, err)
			continue
		}
		var pm struct {
			typeMeta
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal(b, &pm); err != nil || !baseNames[pm.Kind+"/"+pm.Metadata.Name] {
			t.Errorf("patch %s targets %s/%s, not an object of the base (%v)", p.Path, pm.Kind, pm.Metadata.Name, err)
		}
	}
	baseImage := base.jobs[0].Spec.Template.Spec.Containers[0].Image
	for _, im := range m.kust.Images {
		if !strings.HasPrefix(baseImage, im.Name+":") {
			t.Errorf("image override %s does not name the base's image %s", im.Name, baseImage)
		}
		name := im.Name
		if im.NewName != "" {
			name = im.NewName
		}
		ref := name + ":" + im.NewTag
		if im.Digest != "" {
			ref = name + "@" + im.Digest
		}
		if err := checkImage(ref); err != nil {
			t.Errorf("overlay: %v", err)
		}
	}
	for _, ns := range m.namespaces {
		if ns.Name != m.kust.Namespace {
			t.Errorf("namespace.yaml creates %s, the overlay deploys into %s", ns.Name, m.kust.Namespace)
		}
		if ns.Labels["pod-security.kubernetes.io/enforce"] != "restricted" {
			t.Errorf("namespace %s does not enforce the restricted Pod Security Standard", ns.Name)
		}
	}
}

// TestJobChecksFail: each wiring rule refuses a Job that breaks it, so a
// pass of TestBase means something.
func TestJobChecksFail(t *testing.T) {
	m, err := load("base")
	if err != nil {
		t.Fatal(err)
	}
	secret, sa := m.secrets[0], m.serviceAccount[0]
	args := func(j *batchv1.Job) []string { return j.Spec.Template.Spec.Containers[0].Args }
	setArg := func(j *batchv1.Job, prefix, to string) {
		for i, a := range args(j) {
			if strings.HasPrefix(a, prefix) {
				j.Spec.Template.Spec.Containers[0].Args[i] = to
			}
		}
	}
	env := func(j *batchv1.Job, name string) *corev1.EnvVar {
		for i := range j.Spec.Template.Spec.Containers[0].Env {
			if e := &j.Spec.Template.Spec.Containers[0].Env[i]; e.Name == name {
				return e
			}
		}
		t.Fatalf("no env %s", name)
		return nil
	}
	f := false
	tr := true
	for _, tc := range []struct {
		name   string
		mutate func(j *batchv1.Job)
		want   string
	}{
		{"completions", func(j *batchv1.Job) { n := int32(3); j.Spec.Completions = &n }, "completions"},
		{"parallelism", func(j *batchv1.Job) { n := int32(8); j.Spec.Parallelism = &n }, "parallelism"},
		{"shard count", func(j *batchv1.Job) { setArg(j, "--shard", "--shard=$(SHOULDER_SHARD_INDEX)/5") }, "completions"},
		{"shard from a constant", func(j *batchv1.Job) { setArg(j, "--shard", "--shard=0/4") }, "want --shard"},
		{"index from elsewhere", func(j *batchv1.Job) {
			env(j, "SHOULDER_SHARD_INDEX").ValueFrom.FieldRef.FieldPath = "metadata.name"
		}, "completion index"},
		{"run id per pod", func(j *batchv1.Job) { env(j, "SHOULDER_RUN_ID").ValueFrom.FieldRef.FieldPath = "metadata.uid" }, "Job's UID"},
		{"no run id", func(j *batchv1.Job) { setArg(j, "--run-id", "--quiet") }, "one --run-id"},
		{"not indexed", func(j *batchv1.Job) { nc := batchv1.NonIndexedCompletion; j.Spec.CompletionMode = &nc }, "Indexed"},
		{"fail-on", func(j *batchv1.Job) { setArg(j, "--fail-on", "--fail-on=high") }, "--fail-on=none"},
		{"secret name", func(j *batchv1.Job) { env(j, "SHOULDER_STORE").ValueFrom.SecretKeyRef.Name = "other" }, "Secret"},
		{"secret key", func(j *batchv1.Job) { env(j, "SHOULDER_STORE").ValueFrom.SecretKeyRef.Key = "url" }, "key"},
		{"service account", func(j *batchv1.Job) { j.Spec.Template.Spec.ServiceAccountName = "default" }, "serviceAccountName"},
		{"latest", func(j *batchv1.Job) {
			j.Spec.Template.Spec.Containers[0].Image = "ghcr.io/shoulder-dev/shoulder:latest"
		}, "latest"},
		{"untagged", func(j *batchv1.Job) { j.Spec.Template.Spec.Containers[0].Image = "localhost:5000/shoulder" }, "no tag"},
		{"root", func(j *batchv1.Job) { j.Spec.Template.Spec.SecurityContext.RunAsNonRoot = &f }, "root"},
		{"writable root", func(j *batchv1.Job) { j.Spec.Template.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem = &f }, "writable"},
		{"escalation", func(j *batchv1.Job) {
			j.Spec.Template.Spec.Containers[0].SecurityContext.AllowPrivilegeEscalation = &tr
		}, "escalation"},
		{"caps", func(j *batchv1.Job) {
			j.Spec.Template.Spec.Containers[0].SecurityContext.Capabilities.Add = []corev1.Capability{"NET_ADMIN"}
		}, "capabilities"},
		{"output not on a volume", func(j *batchv1.Job) { setArg(j, "--output", "--output=/var/out") }, "writable volume"},
		{"no memory request", func(j *batchv1.Job) {
			delete(j.Spec.Template.Spec.Containers[0].Resources.Requests, corev1.ResourceMemory)
		}, "requests"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := m.jobs[0].DeepCopy()
			if err := checkJobSpec(&j.Spec, secret, sa); err != nil {
				t.Fatalf("unmutated Job refused: %v", err)
			}
			tc.mutate(j)
			err := checkJobSpec(&j.Spec, secret, sa)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
