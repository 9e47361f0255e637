#!/usr/bin/env bash
# Regenerates aws-provider-types.txt from the npm package @cdktf/provider-aws
# (prebuilt bindings generated from the Terraform AWS provider's schema).
# Usage: internal/checks/testdata/refresh-aws-provider-types.sh 21.22.1
set -euo pipefail
version=${1:?usage: $0 CDKTF_PROVIDER_AWS_VERSION}
out="$(cd "$(dirname "$0")" && pwd)/aws-provider-types.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cdktf/provider-aws@$version" >/dev/null && tar -xzf ./*.tgz)
python3 - "$tmp/package" "$version" "$out" <<'PY'
import os, re, sys
pkg, version, out = sys.argv[1:]
lib = os.path.join(pkg, "lib")
prov = open(os.path.join(lib, "provider", "index.js")).read()
pv = re.search(r"providerVersion: '([^']+)'", prov).group(1)
res, data = set(), set()
for d in os.listdir(lib):
    p = os.path.join(lib, d, "index.js")
    if not os.path.exists(p):
        continue
    for cls, t in re.findall(r'^(\w+)\.tfResourceType = "([^"]+)";', open(p).read(), re.M):
        if cls == "AwsProvider":
            continue
        (data if cls.startswith("DataAws") else res).add(t)
if len(res) < 1000 or len(data) < 400:
    sys.exit(f"only {len(res)} resources and {len(data)} data sources: the package layout changed")
with open(out, "w") as f:
    f.write(f"# Resource and data source type names of the Terraform AWS provider (hashicorp/aws {pv}).\n")
    f.write(f"# Source: npm package @cdktf/provider-aws {version} (prebuilt CDKTF bindings generated from that provider's schema):\n")
    f.write("# every lib/<name>/index.js declares <Class>.tfResourceType; classes named DataAws* are data sources.\n")
    f.write("# Refresh: internal/checks/testdata/refresh-aws-provider-types.sh VERSION (needs npm and python3).\n")
    f.write('# Format: one "resource TYPE" or "data TYPE" per line.\n')
    for t in sorted(res):
        f.write(f"resource {t}\n")
    for t in sorted(data):
        f.write(f"data {t}\n")
print(f"{out}: {len(res)} resources, {len(data)} data sources of hashicorp/aws {pv}")
PY
