#!/usr/bin/env bash
# Builds (only what is missing) the control-plane binaries from the Go module
# proxy into $KUBEFORGE_CACHE: kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, etcd and kwok. Pulumi's binaries: build-pulumi.sh.
# Usage: build.sh [k8s|etcd|kwok]...   (default: all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

command -v go >/dev/null || die "Go is required to build the control plane (go1.26 or newer): https://go.dev/dl/"

work_dir() { # a scratch module dir that survives for the next build (warm go.sum)
  local d="$KUBEFORGE_CACHE/src/$1"; mkdir -p "$d"; echo "$d"
}

timed() { # timed LABEL CMD...: runs CMD and prints how long it took
  local label=$1; shift; local t0=$SECONDS
  "$@"
  log "$label built in $((SECONDS - t0)) s"
}

build_k8s() {
  local bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl) missing=0 b
  for b in "${bins[@]}"; do [[ -x $K8S_BIN/$b ]] || missing=1; done
  if (( !missing )); then log "kubernetes $K8S_VERSION: cached in $K8S_BIN"; return; fi
  log "kubernetes $K8S_VERSION: building ${bins[*]} (cold: 15-30 min on 2 cores)"
  local d; d=$(work_dir "kubernetes-$K8S_VERSION")
  local mod="k8s.io/kubernetes@$K8S_VERSION" staging_ver="v0.${K8S_VERSION#v1.}"
  # k8s.io/kubernetes replaces its staging modules with ./staging paths, which
  # `go install` refuses. A wrapper module replaces each one with its published
  # release instead (kubernetes/kubernetes#79384).
  (cd "$d" && go mod download -json "$mod" >/dev/null) || die "cannot download $mod from the module proxy"
  local upstream; upstream=$(cd "$d" && go mod download -json "$mod" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  [[ -f $upstream ]] || die "no go.mod for $mod"
  {
    echo "module kubeforge.local/kubernetes-build"
    echo
    grep -E '^go [0-9]' "$upstream"
    grep -E '^godebug ' "$upstream" || true
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging_ver"'#p' "$upstream"
    echo ")"
  } > "$d/go.mod"
  local gomajor=1 gominor=${K8S_VERSION#v1.}; gominor=${gominor%%.*}
  local date; date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local ld="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$gomajor -X $pkg.gitMinor=$gominor"
    ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date"
  done
  mkdir -p "$K8S_BIN.tmp"
  ( cd "$d"
    go mod download k8s.io/kubernetes
    for b in "${bins[@]}"; do
      [[ -x $K8S_BIN/$b ]] && { cp "$K8S_BIN/$b" "$K8S_BIN.tmp/"; continue; }
      log "  go build $b"
      go build -mod=mod -tags selinux,notest,grpcnotrace -ldflags "$ld" -o "$K8S_BIN.tmp/$b" "k8s.io/kubernetes/cmd/$b"
    done )
  rm -rf "$K8S_BIN"; mv "$K8S_BIN.tmp" "$K8S_BIN"
  "$K8S_BIN/kube-apiserver" --version >&2
}

build_etcd() {
  if [[ -x $ETCD_BIN/etcd ]]; then log "etcd $ETCD_VERSION: cached in $ETCD_BIN"; return; fi
  log "etcd $ETCD_VERSION: building (cold: 3-6 min)"
  local d; d=$(work_dir "etcd-$ETCD_VERSION")
  # The server module's own replace lines point at ../api etc., so a small
  # main package that requires it is built instead of `go install`.
  cat > "$d/main.go" <<'GO'
// Command etcd: the etcd server, built from go.etcd.io/etcd/server/v3.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  local v=$ETCD_VERSION
  cat > "$d/go.mod" <<MOD
module kubeforge.local/etcd-build

go 1.26.0

require (
	go.etcd.io/etcd/server/v3 $v
	go.etcd.io/etcd/api/v3 $v
	go.etcd.io/etcd/client/pkg/v3 $v
	go.etcd.io/etcd/client/v3 $v
	go.etcd.io/etcd/pkg/v3 $v
)
MOD
  ( cd "$d" && go mod tidy && mkdir -p "$ETCD_BIN.tmp" && go build -ldflags "-s -w" -o "$ETCD_BIN.tmp/etcd" . )
  rm -rf "$ETCD_BIN"; mv "$ETCD_BIN.tmp" "$ETCD_BIN"
  "$ETCD_BIN/etcd" --version >&2
}

build_kwok() {
  if [[ -x $KWOK_BIN/kwok && -d $KWOK_BIN/stages ]]; then log "kwok $KWOK_VERSION: cached in $KWOK_BIN"; return; fi
  log "kwok $KWOK_VERSION: building (cold: 4-8 min)"
  mkdir -p "$KWOK_BIN.tmp/stages"
  GOBIN="$KWOK_BIN.tmp" go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  # The stage configs that make fake Nodes Ready and Pods Running ship in the module.
  local src; src=$(go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage
  local s
  for s in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
           pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    [[ -f $src/$s.yaml ]] || die "kwok stage $s.yaml not found in $src"
    cp "$src/$s.yaml" "$KWOK_BIN.tmp/stages/$(basename "$s").yaml"
  done
  rm -rf "$KWOK_BIN"; mv "$KWOK_BIN.tmp" "$KWOK_BIN"
}

targets=("$@"); (( ${#targets[@]} )) || targets=(etcd kwok k8s)
t0=$SECONDS
for t in "${targets[@]}"; do
  case $t in
    k8s) timed "kubernetes $K8S_VERSION" build_k8s ;;
    etcd) timed "etcd $ETCD_VERSION" build_etcd ;;
    kwok) timed "kwok $KWOK_VERSION" build_kwok ;;
    *) die "unknown target '$t' (allowed: k8s, etcd, kwok)" ;;
  esac
done
log "done in $((SECONDS - t0)) s; cache: $KUBEFORGE_CACHE ($(du -sh "$KUBEFORGE_CACHE" 2>/dev/null | cut -f1))"
