#!/usr/bin/env bash
# Builds (only what is missing) Pulumi's binaries from the Go module proxy into
# $KUBEFORGE_CACHE, so Pulumi programs run fully offline against the local
# cluster: the pulumi CLI and the Node.js language host (one dir), and the
# Kubernetes resource provider (another). Source pulumi-env.sh to use them.
# Usage: build-pulumi.sh [cli|kubernetes]...   (default: both; cli = CLI + Node.js host)
#        build-pulumi.sh paths                 (print the cache dirs and versions, for pulumi-env.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

# ---------------------------------------------------------------------------
# Versions. The module proxy reachable here is a restricted mirror: versions
# below were chosen because it serves their .zip (probe with curl
# $GOPROXY/<module>/@v/<version>.zip; an unavailable one answers 403 "This
# module version is not available").
#
# Pulumi CLI: github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at the same tag.
#   pkg/v3.259.0 = commit a05d88f24d05 (2026-08-20). pkg/v3.260.0's .info and
#   .mod are served but its .zip is refused, and no pkg/v3 >= v3.261 exists.
#   npm: pin @pulumi/pulumi to 3.259.0.
PULUMI_VERSION=v3.259.0
# Node.js language host. Since 2023 it is its own untagged module
# (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) and the
# mirror serves it at no version (pseudo-versions of the pkg/v3.250..260 tag
# commits: 403). The newest source of it here is the package it used to be in
# sdk/v3, last shipped in sdk/v3.68.0 (commit ed3fb78d000a, 2023-05-19). The
# v3.259 CLI drives it fine: for calls the old host lacks it falls back
# (GetRequiredPackages -> GetRequiredPlugins); runs @pulumi/pulumi 3.259.0.
PULUMI_NODEJS_HOST_SDK_VERSION=v3.68.0
# Kubernetes provider: github.com/pulumi/pulumi-kubernetes/provider/v4 has no
# tags; the mirror serves exactly one pseudo-version of it: commit
# f47bc2d6f199 (2026-01-15), on master between sdk/v4.24.1 and sdk/v4.25.0
# (2026-01-16). The pseudo-versions of the sdk/v4.30.0, .32.0, .33.0, .34.0
# tag commits are refused. The version it reports is Pulumi's own dev-version
# format, <next release>-alpha.<commit unix time>+<short hash>.
#   npm: pin @pulumi/kubernetes to 4.25.0.
PULUMI_K8S_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
PULUMI_K8S_PROVIDER_VERSION=4.25.0-alpha.1768448096+f47bc2d6
# The checksum database (which the proxy relays) has no entry for that
# pseudo-version (lookup: 404), so Go refuses to download it. It is exempted
# (GONOSUMDB) and checked against this go.sum hash instead, recorded from the
# mirror on first download (no independent source for it).
PULUMI_K8S_PROVIDER_MODULE_SUM=h1:j2bphCf7c2YhnBrhwht2f3TNRRgcMImltUlAgzxr9H4=
# The provider's go.mod replaces sdk/v4 with ../sdk (same commit, not in the
# module zip); the next release of that module stands in for it.
PULUMI_K8S_SDK_MODULE_VERSION=v4.25.0
# ---------------------------------------------------------------------------

PULUMI_MOD=github.com/pulumi/pulumi
K8S_PROVIDER_MOD=github.com/pulumi/pulumi-kubernetes/provider/v4
K8S_SDK_MOD=github.com/pulumi/pulumi-kubernetes/sdk/v4
PULUMI_BIN=$KUBEFORGE_CACHE/pulumi-$PULUMI_VERSION
PULUMI_K8S_BIN=$KUBEFORGE_CACHE/pulumi-kubernetes-$PULUMI_K8S_PROVIDER_VERSION
# One line per binary: what it was built from. A binary whose line differs
# from the current settings counts as missing.
CLI_STAMP="pulumi $PULUMI_MOD/pkg/v3@$PULUMI_VERSION"
HOST_STAMP="pulumi-language-nodejs $PULUMI_MOD/sdk/v3@$PULUMI_NODEJS_HOST_SDK_VERSION"
K8S_STAMP="pulumi-resource-kubernetes $K8S_PROVIDER_MOD@$PULUMI_K8S_PROVIDER_MODULE_VERSION sdk/v4@$PULUMI_K8S_SDK_MODULE_VERSION version=$PULUMI_K8S_PROVIDER_VERSION"

if [[ ${1:-} == paths ]]; then
  printf '%s=%q\n' PULUMI_BIN "$PULUMI_BIN" PULUMI_K8S_BIN "$PULUMI_K8S_BIN" \
    PULUMI_VERSION "$PULUMI_VERSION" PULUMI_K8S_PROVIDER_VERSION "$PULUMI_K8S_PROVIDER_VERSION" \
    KUBEFORGE_CACHE "$KUBEFORGE_CACHE" KUBEFORGE_CLUSTER_DIR "$KUBEFORGE_CLUSTER_DIR"
  exit 0
fi

# Go is needed only when something must be built: with a warm cache this script works without it.
require_go() { command -v go >/dev/null || die "Go is required to build Pulumi (go1.26 or newer): https://go.dev/dl/"; }

work_dir() { # a scratch module dir that survives for the next build (warm go.sum)
  local d="$KUBEFORGE_CACHE/src/$1"; mkdir -p "$d"; echo "$d"
}

cached() { # cached DIR BIN STAMP: BIN is in DIR and was built from STAMP
  [[ -x $1/$2 && -f $1/BUILD-INFO ]] && grep -qxF "$3" "$1/BUILD-INFO"
}

fetch() { # fetch MODULE@VERSION FIELD: downloads it, prints its Dir or GoMod path
  local out
  if ! out=$(cd / && GOFLAGS= go mod download -json "$1" 2>&1); then
    out=$(printf '%s\n' "$out" | sed -n 's/.*"Error": "\(.*\)",\{0,1\}$/\1/p')
    die "cannot download $1 from the module proxy ($(go env GOPROXY)): $(printf '%b' "${out:-see go mod download -json $1}")"
  fi
  printf '%s\n' "$out" | sed -n 's/^\t"'"$2"'": "\(.*\)",\{0,1\}$/\1/p'
}

need_go() { # need_go GO.MOD LABEL: the local Go must satisfy the go line of GO.MOD
  local want have; want=$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$1" | head -1); have=$(go env GOVERSION)
  have=${have#go}
  [[ -z $want || $(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1) == "$want" ]] ||
    die "$2 needs Go >= $want (its go.mod says so), this is go$have; GOTOOLCHAIN=local never downloads one: install a newer Go"
}

module_replaces() { # module_replaces GO.MOD: its `replace` lines that point at modules (not ../dirs)
  awk '/^replace \($/ {blk=1; next} blk && /^\)/ {blk=0; next}
       blk {print "replace " $0; next} /^replace / {print}' "$1" |
    sed 's/^replace[ \t]*//' | awk -F'=>' '{t=$2; sub(/^[ \t]+/, "", t)} t !~ /^[.\/]/ {print "replace " $0}'
}

stamp_binary() { # stamp_binary DIR BIN STAMP: BIN built from STAMP, recorded in DIR/BUILD-INFO
  touch "$1/BUILD-INFO"; grep -v "^$2 " "$1/BUILD-INFO" > "$1/BUILD-INFO.new" || true
  echo "$3" >> "$1/BUILD-INFO.new"; mv "$1/BUILD-INFO.new" "$1/BUILD-INFO"
}

check_ldflag() { # check_ldflag BIN TEXT: `go version -m` shows BIN was linked with TEXT (not with -trimpath)
  go version -m "$1" | grep -qF -- "$2" || die "$1 was not built with $2 (go version -m $1)"
}

# --- pulumi CLI + Node.js language host -> $PULUMI_BIN ----------------------
build_cli_binary() { # into $1
  require_go
  local d upstream; d=$(work_dir "pulumi-$PULUMI_VERSION")
  upstream=$(fetch "$PULUMI_MOD/pkg/v3@$PULUMI_VERSION" GoMod)
  need_go "$upstream" "pulumi $PULUMI_VERSION"
  # pkg/v3's go.mod replaces sdk/v3 with ../sdk, which `go install` refuses; a
  # wrapper module requires both at the same tag and repeats pkg's module
  # replaces (github.com/atotto/clipboard => a fork, whose API the CLI uses).
  { echo "module kubeforge.local/pulumi-build"
    echo
    echo "go 1.26"
    echo
    echo "require ("
    echo "	$PULUMI_MOD/pkg/v3 $PULUMI_VERSION"
    echo "	$PULUMI_MOD/sdk/v3 $PULUMI_VERSION"
    echo ")"
    echo
    echo "tool $PULUMI_MOD/pkg/v3/cmd/pulumi"
    echo
    module_replaces "$upstream"
  } > "$d/go.mod"
  ( cd "$d"
    log "  go mod tidy (pulumi $PULUMI_VERSION; cold: ~380 modules to download)"
    go mod tidy || die "go mod tidy failed for the pulumi CLI wrapper module in $d"
    local v; v=$(go list -m -f '{{.Version}}' "$PULUMI_MOD/pkg/v3") || exit 1
    [[ $v == "$PULUMI_VERSION" ]] || die "go mod tidy moved $PULUMI_MOD/pkg/v3 to $v, not $PULUMI_VERSION (see $d/go.mod)"
    log "  go build pulumi (cold: 10-20 min on 2 cores)"
    # Without the version the CLI calls itself v0.0.0 (or dev) and the
    # Automation API's minimum-version check fails.
    go build -trimpath -ldflags "-s -w -X $PULUMI_MOD/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$1/pulumi" "$PULUMI_MOD/pkg/v3/cmd/pulumi" ) || die "building pulumi $PULUMI_VERSION failed (work dir $d)"
  local got; got=$("$1/pulumi" version) || die "$1/pulumi does not run"
  [[ $got == "$PULUMI_VERSION" ]] || die "built pulumi says '$got', expected $PULUMI_VERSION"
}

build_nodejs_host_binary() { # into $1
  require_go
  local v=$PULUMI_NODEJS_HOST_SDK_VERSION d upstream
  d=$(work_dir "pulumi-language-nodejs-$v")
  upstream=$(fetch "$PULUMI_MOD/sdk/v3@$v" GoMod)
  need_go "$upstream" "pulumi-language-nodejs (sdk/v3 $v)"
  local pkg=$PULUMI_MOD/sdk/v3/nodejs/cmd/pulumi-language-nodejs src
  src=$(fetch "$PULUMI_MOD/sdk/v3@$v" Dir)
  [[ -f $src/nodejs/cmd/pulumi-language-nodejs/main.go ]] ||
    die "sdk/v3 $v has no nodejs/cmd/pulumi-language-nodejs (it moved to its own module after v3.68)"
  { echo "module kubeforge.local/pulumi-language-nodejs-build"
    echo
    echo "go 1.26"
    echo
    echo "require $PULUMI_MOD/sdk/v3 $v"
    echo
    echo "tool $pkg"
    echo
    module_replaces "$upstream"
  } > "$d/go.mod"
  ( cd "$d"
    log "  go mod tidy (pulumi-language-nodejs, sdk/v3 $v)"
    go mod tidy || die "go mod tidy failed for the language host wrapper module in $d"
    log "  go build pulumi-language-nodejs (cold: 1-3 min)"
    # No -trimpath here: with it Go leaves -ldflags out of the build info that
    # check_ldflag reads.
    go build -ldflags "-s -w -X $PULUMI_MOD/sdk/v3/go/common/version.Version=$v" \
      -o "$1/pulumi-language-nodejs" "$pkg" ) || die "building pulumi-language-nodejs failed (work dir $d)"
  check_ldflag "$1/pulumi-language-nodejs" "version.Version=$v"
  go version -m "$1/pulumi-language-nodejs" | grep -qE "^\s+mod\s+$PULUMI_MOD/sdk/v3\s+$v\s" ||
    die "$1/pulumi-language-nodejs was not built from sdk/v3 $v (go version -m)"
}

build_cli() {
  local need_cli=1 need_host=1
  cached "$PULUMI_BIN" pulumi "$CLI_STAMP" && need_cli=0
  cached "$PULUMI_BIN" pulumi-language-nodejs "$HOST_STAMP" && need_host=0
  if (( !need_cli && !need_host )); then log "pulumi $PULUMI_VERSION + pulumi-language-nodejs: cached in $PULUMI_BIN"; return; fi
  local tmp=$PULUMI_BIN.tmp t0
  rm -rf "$tmp"; mkdir -p "$tmp"
  if (( need_cli )); then
    log "pulumi $PULUMI_VERSION: building the CLI"; t0=$SECONDS
    build_cli_binary "$tmp"
    stamp_binary "$tmp" pulumi "$CLI_STAMP"
    log "pulumi $PULUMI_VERSION built in $((SECONDS - t0)) s"
  else
    cp -p "$PULUMI_BIN/pulumi" "$tmp/"; stamp_binary "$tmp" pulumi "$CLI_STAMP"
  fi
  if (( need_host )); then
    log "pulumi-language-nodejs (sdk/v3 $PULUMI_NODEJS_HOST_SDK_VERSION): building"; t0=$SECONDS
    build_nodejs_host_binary "$tmp"
    stamp_binary "$tmp" pulumi-language-nodejs "$HOST_STAMP"
    log "pulumi-language-nodejs built in $((SECONDS - t0)) s"
  else
    cp -p "$PULUMI_BIN/pulumi-language-nodejs" "$tmp/"; stamp_binary "$tmp" pulumi-language-nodejs "$HOST_STAMP"
  fi
  rm -rf "$PULUMI_BIN"; mv "$tmp" "$PULUMI_BIN"
}

# --- Kubernetes provider -> $PULUMI_K8S_BIN ----------------------------------
build_kubernetes() {
  if cached "$PULUMI_K8S_BIN" pulumi-resource-kubernetes "$K8S_STAMP"; then
    log "pulumi-resource-kubernetes $PULUMI_K8S_PROVIDER_VERSION: cached in $PULUMI_K8S_BIN"; return
  fi
  log "pulumi-resource-kubernetes $PULUMI_K8S_PROVIDER_VERSION ($K8S_PROVIDER_MOD@$PULUMI_K8S_PROVIDER_MODULE_VERSION): building"
  require_go
  local t0=$SECONDS src sum d tmp=$PULUMI_K8S_BIN.tmp
  local -x GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}$K8S_PROVIDER_MOD"
  src=$(fetch "$K8S_PROVIDER_MOD@$PULUMI_K8S_PROVIDER_MODULE_VERSION" Dir)
  sum=$(fetch "$K8S_PROVIDER_MOD@$PULUMI_K8S_PROVIDER_MODULE_VERSION" Sum)
  [[ $sum == "$PULUMI_K8S_PROVIDER_MODULE_SUM" ]] ||
    die "$K8S_PROVIDER_MOD@$PULUMI_K8S_PROVIDER_MODULE_VERSION has hash $sum, expected $PULUMI_K8S_PROVIDER_MODULE_SUM: refusing it"
  need_go "$src/go.mod" "pulumi-resource-kubernetes"
  # The provider is built as its own main module (its go.sum pins every
  # dependency), from a writable copy: `go generate` must add files to it.
  d=$KUBEFORGE_CACHE/src/pulumi-kubernetes-$PULUMI_K8S_PROVIDER_MODULE_VERSION
  rm -rf "$d"; mkdir -p "$(dirname "$d")"; cp -r "$src" "$d"; chmod -R u+w "$d"
  local local_repl; local_repl=$(grep -E '^replace .* => \.' "$d/go.mod" | grep -v " $K8S_SDK_MOD " || true)
  [[ -z $local_repl ]] || die "provider go.mod has local replaces this script does not handle: $local_repl"
  ( cd "$d"
    go mod edit -dropreplace="$K8S_SDK_MOD" -require="$K8S_SDK_MOD@$PULUMI_K8S_SDK_MODULE_VERSION" || exit 1
    cd cmd/pulumi-resource-kubernetes || exit 1
    # main.go embeds schema-embed.json and terraform-mapping-embed.json, which
    # `go generate` (generate.go: stamps VERSION into schema.json) writes and
    # the module zip lacks.
    grep -q '^//go:generate go run ./generate.go' main.go ||
      die "provider main.go no longer generates with generate.go: check its //go:generate line"
    log "  go generate (schema-embed.json, version $PULUMI_K8S_PROVIDER_VERSION)"
    VERSION=$PULUMI_K8S_PROVIDER_VERSION go run -mod=mod generate.go || die "go generate (generate.go) failed in $PWD"
    [[ -s schema-embed.json && -s terraform-mapping-embed.json ]] || die "go generate wrote no schema-embed.json"
    cd ../.. || exit 1
    log "  go build pulumi-resource-kubernetes (cold: 10-25 min on 2 cores)"
    rm -rf "$tmp"; mkdir -p "$tmp"
    go build -mod=mod \
      -ldflags "-s -w -X $K8S_PROVIDER_MOD/pkg/version.Version=$PULUMI_K8S_PROVIDER_VERSION" \
      -o "$tmp/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes
  ) || { rm -rf "$tmp"; die "building pulumi-resource-kubernetes failed (work dir $d)"; }
  check_ldflag "$tmp/pulumi-resource-kubernetes" "version.Version=$PULUMI_K8S_PROVIDER_VERSION"
  stamp_binary "$tmp" pulumi-resource-kubernetes "$K8S_STAMP"
  rm -rf "$PULUMI_K8S_BIN"; mv "$tmp" "$PULUMI_K8S_BIN"
  log "pulumi-resource-kubernetes built in $((SECONDS - t0)) s"
}

targets=("$@"); (( ${#targets[@]} )) || targets=(cli kubernetes)
for t in "${targets[@]}"; do
  case $t in cli|kubernetes) ;; *) die "unknown target '$t' (allowed: cli, kubernetes, paths)" ;; esac
done
mkdir -p "$KUBEFORGE_CACHE"
exec 9> "$KUBEFORGE_CACHE/.build-pulumi.lock"
flock -n 9 || { log "another build-pulumi.sh is running; waiting"; flock 9; }
# A failed build leaves no half-filled cache dir behind (the .tmp dirs go).
trap 'rc=$?; (( rc == 0 )) || rm -rf "$PULUMI_BIN.tmp" "$PULUMI_K8S_BIN.tmp"' EXIT
t0=$SECONDS
for t in "${targets[@]}"; do
  case $t in
    cli) build_cli ;;
    kubernetes) build_kubernetes ;;
  esac
done
log "done in $((SECONDS - t0)) s: $PULUMI_BIN ($(du -sh "$PULUMI_BIN" 2>/dev/null | cut -f1 || echo -)), $PULUMI_K8S_BIN ($(du -sh "$PULUMI_K8S_BIN" 2>/dev/null | cut -f1 || echo -))"
log "use them: . $here/pulumi-env.sh [STATE_DIR]"
