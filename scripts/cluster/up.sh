#!/usr/bin/env bash
# Starts a local control plane on 127.0.0.1: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok with fake Nodes, so Pods are
# scheduled and become Ready without a kubelet. Idempotent: if the cluster in
# $KUBEFORGE_CLUSTER_DIR is already up, it only prints how to use it.
# Env: KUBEFORGE_NODES (fake Nodes, default 2), KUBEFORGE_CLUSTER_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

S=$KUBEFORGE_CLUSTER_DIR
KUBECTL=$K8S_BIN/kubectl
for b in "$ETCD_BIN/etcd" "$K8S_BIN/kube-apiserver" "$K8S_BIN/kube-controller-manager" "$K8S_BIN/kube-scheduler" \
         "$KUBECTL" "$KWOK_BIN/kwok"; do
  [[ -x $b ]] || die "$b is missing: run scripts/cluster/build.sh first"
done

usage_hint() {
  cat >&2 <<MSG
[cluster] up: Kubernetes $K8S_VERSION at $(cat "$S/server")
[cluster]   export KUBECONFIG=$S/kubeconfig
[cluster]   $KUBECTL get nodes
[cluster] stop it with: scripts/cluster/down.sh
MSG
}

alive() { [[ -f $S/pids/$1 ]] && kill -0 "$(cat "$S/pids/$1")" 2>/dev/null; }
if alive kube-apiserver && alive etcd && alive kwok; then usage_hint; exit 0; fi
if [[ -d $S ]]; then log "stale state in $S: stopping what is left of it"; "$here/down.sh"; fi

mkdir -p "$S"/{pids,logs,pki,etcd}
# Ports come from 20000-29999, below the kernel's ephemeral range (32768+ here): a port the kernel hands out for
# listen(0) can be taken a moment later by an outgoing connection (the apiserver's to etcd), before its server
# binds. All are held open until all are found, so no two are the same.
free_ports() {
  node -e '
    const net = require("net");
    const want = Number(process.argv[1]), held = [];
    const next = () => {
      if (held.length === want) { console.log(held.map((s) => s.address().port).join(" ")); held.forEach((s) => s.close()); return; }
      const s = net.createServer();
      s.once("error", next);
      s.listen(20000 + Math.floor(Math.random() * 10000), "127.0.0.1", () => { held.push(s); next(); });
    };
    next();' "$1"
}
read -r ETCD_PORT ETCD_PEER_PORT API_PORT KCM_PORT SCHED_PORT KWOK_PORT < <(free_ports 6)
echo "https://127.0.0.1:$API_PORT" > "$S/server"

# ---- certificates: CA, apiserver serving cert, admin client cert, SA key pair
pki=$S/pki
ossl() { openssl "$@" 2>/dev/null; }
ossl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=kubeforge-local-ca" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt"
sign() { # sign NAME SUBJECT [SAN]
  local n=$1 subj=$2 san=${3:-}
  ossl req -newkey rsa:2048 -nodes -subj "$subj" -keyout "$pki/$n.key" -out "$pki/$n.csr"
  local ext=$pki/$n.ext
  { echo "basicConstraints=CA:FALSE"; echo "keyUsage=digitalSignature,keyEncipherment"
    if [[ -n $san ]]; then echo "extendedKeyUsage=serverAuth"; echo "subjectAltName=$san"
    else echo "extendedKeyUsage=clientAuth"; fi; } > "$ext"
  ossl x509 -req -in "$pki/$n.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile "$ext" -out "$pki/$n.crt"
}
sign apiserver "/CN=kube-apiserver" \
  "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
sign admin "/O=system:masters/CN=kubeforge-admin"
ossl genrsa -out "$pki/sa.key" 2048
ossl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"

KUBECONFIG_FILE=$S/kubeconfig
"$KUBECTL" config --kubeconfig "$KUBECONFIG_FILE" set-cluster kubeforge-local \
  --server "https://127.0.0.1:$API_PORT" --certificate-authority "$pki/ca.crt" --embed-certs >/dev/null
"$KUBECTL" config --kubeconfig "$KUBECONFIG_FILE" set-credentials kubeforge-admin \
  --client-certificate "$pki/admin.crt" --client-key "$pki/admin.key" --embed-certs >/dev/null
"$KUBECTL" config --kubeconfig "$KUBECONFIG_FILE" set-context kubeforge-local \
  --cluster kubeforge-local --user kubeforge-admin >/dev/null
"$KUBECTL" config --kubeconfig "$KUBECONFIG_FILE" use-context kubeforge-local >/dev/null
chmod 600 "$KUBECONFIG_FILE"

start() { # start NAME CMD...: background process, log and pid under $S
  local name=$1; shift
  setsid "$@" > "$S/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$S/pids/$name"
}
fail_start() { # dump the log tail of a component that failed to come up
  log "$1 did not become ready; last lines of $S/logs/$1.log:"
  tail -n 25 "$S/logs/$1.log" >&2 || true
  "$here/down.sh" || true
  exit 1
}
wait_for() { # wait_for NAME SECONDS CMD...
  local name=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    alive "$name" || fail_start "$name"
    (( SECONDS < deadline )) || fail_start "$name"
    sleep 0.5
  done
}

t0=$SECONDS
log "starting etcd $ETCD_VERSION on 127.0.0.1:$ETCD_PORT"
start etcd "$ETCD_BIN/etcd" --name kubeforge --data-dir "$S/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "kubeforge=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level warn
wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

log "starting kube-apiserver $K8S_VERSION on 127.0.0.1:$API_PORT"
start kube-apiserver "$K8S_BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$pki/ca.crt" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-cluster-ip-range 10.0.0.0/24 --service-node-port-range 30000-32767 \
  --authorization-mode Node,RBAC --endpoint-reconciler-type none --allow-privileged=true \
  --profiling=false --v=1
apicurl() { curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "https://127.0.0.1:$API_PORT$1"; }
wait_for kube-apiserver 90 apicurl /readyz

log "starting kube-controller-manager and kube-scheduler"
common=(--kubeconfig "$KUBECONFIG_FILE" --authentication-kubeconfig "$KUBECONFIG_FILE"
        --authorization-kubeconfig "$KUBECONFIG_FILE" --leader-elect=false --bind-address 127.0.0.1)
start kube-controller-manager "$K8S_BIN/kube-controller-manager" "${common[@]}" --secure-port "$KCM_PORT" \
  --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
  --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
  --use-service-account-credentials=false --controllers '*,-node-ipam-controller' \
  --node-monitor-grace-period=1h
# ^ kwok renews the fake Nodes' leases itself; on a busy 2-core machine a renewal can come late, and the default
#   50 s grace then marks both Nodes NotReady, which flips every Pod to Ready=False mid-test (seen in the
#   examples suite). Node health is not what the suite tests, so a late heartbeat must not count.
start kube-scheduler "$K8S_BIN/kube-scheduler" "${common[@]}" --secure-port "$SCHED_PORT"

log "starting kwok $KWOK_VERSION"
stage_args=()
for f in "$KWOK_BIN"/stages/*.yaml; do stage_args+=(--config "$f"); done
start kwok "$KWOK_BIN/kwok" --kubeconfig "$KUBECONFIG_FILE" "${stage_args[@]}" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --cidr 10.244.0.0/16 --node-ip 127.0.0.1 --server-address "127.0.0.1:$KWOK_PORT"

# Fake Nodes: kwok keeps them Ready (heartbeats via Leases) and runs their Pods.
nodes=${KUBEFORGE_NODES:-2}
for ((i = 0; i < nodes; i++)); do
  cat <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {kubernetes.io/hostname: kwok-node-$i, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110", ephemeral-storage: 100Gi}
  capacity: {cpu: "32", memory: 256Gi, pods: "110", ephemeral-storage: 100Gi}
---
NODE
done | "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" apply -f - >/dev/null
k() { "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
wait_for kwok 60 k wait --for=condition=Ready node --all --timeout=2s
# The controller-manager creates the `default` ServiceAccount that Pods need.
wait_for kube-controller-manager 60 k get serviceaccount default -n default
alive kube-scheduler || fail_start kube-scheduler
log "ready in $((SECONDS - t0)) s with $nodes fake Nodes"
usage_hint
