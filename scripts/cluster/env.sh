# Shared settings for the local control plane scripts. Sourced, never run.
# Every binary is cached under $KUBEFORGE_CACHE/<component>-<version>/, so a
# version bump builds only the component that changed.

K8S_VERSION=v1.37.2        # kube-apiserver, controller-manager, scheduler, kubectl
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0

KUBEFORGE_CACHE=${KUBEFORGE_CACHE:-$HOME/.cache/kubeforge}
K8S_BIN=$KUBEFORGE_CACHE/kubernetes-$K8S_VERSION
ETCD_BIN=$KUBEFORGE_CACHE/etcd-$ETCD_VERSION
KWOK_BIN=$KUBEFORGE_CACHE/kwok-$KWOK_VERSION

# State of a running cluster (pids, certs, kubeconfig, logs). One cluster per
# state dir; `down` removes it.
KUBEFORGE_CLUSTER_DIR=${KUBEFORGE_CLUSTER_DIR:-${TMPDIR:-/tmp}/kubeforge-cluster}

# Go: never fetch a toolchain, never consult VCS; the module proxy is the only source.
export GOTOOLCHAIN=local
export GOFLAGS=-buildvcs=false
export CGO_ENABLED=0

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }
