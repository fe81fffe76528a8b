#!/usr/bin/env python3
"""The fleet benchmark: N BitcoinNetworks of 3 btcd nodes on a running playground, measured as a user would.

    make playground && make bench-fleet N=30

1. applies N networks (regtest, 3 btcd nodes) in namespace bench-fleet and times until each is Meshed;
2. over an idle window (60 s) reads the API server's request counters (apiserver_request_total on /metrics) by verb
   and resource, the operator's CPU, RSS and threads (/proc of its JVM, the in-cluster pod's), and the nodes' median
   RSS;
3. mines one block in every network (btcd's RPC through kubectl port-forward, with the network's connection Secret:
   the network's policy admits no client on the host) and times until the network's status shows it (median, p95);
4. prints a table, and deletes the networks unless --keep.

Environment: PLAYGROUND_DIR (default .playground), KUBECTL (default: the test bed's kubectl, else kubectl on PATH).
"""
import argparse
import base64
import json
import os
import re
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

NAMESPACE = "bench-fleet"
WRITES = {"POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"}


def kubectl_path(root):
    if os.environ.get("KUBECTL"):
        return os.environ["KUBECTL"]
    try:
        dirs = subprocess.run(["bash", os.path.join(root, "testbed/tools/build-tools.sh"), "--print-dirs"],
                              capture_output=True, text=True, check=True).stdout
        for line in dirs.splitlines():
            if line.startswith("kubernetes="):
                return line.split("=", 1)[1] + "/kubectl"
    except (subprocess.CalledProcessError, FileNotFoundError):
        pass
    return "kubectl"


class Cluster:
    def __init__(self, kubectl, kubeconfig):
        self.base = [kubectl, "--kubeconfig", kubeconfig]

    def run(self, *args, stdin=None):
        result = subprocess.run(self.base + list(args), input=stdin, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("kubectl %s failed: %s" % (" ".join(args), result.stderr.strip()))
        return result.stdout

    def json(self, *args):
        return json.loads(self.run(*args, "-o", "json"))

    def port_forward(self, namespace, pod, port):
        """A local port to the pod's port, as a user reaches a node: the network's policy admits no host client."""
        process = subprocess.Popen(self.base + ["port-forward", "-n", namespace, "pod/" + pod, "0:%d" % port],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = process.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not found:
            process.kill()
            raise RuntimeError("kubectl port-forward to %s/%s said: %s" % (namespace, pod, line.strip()))
        return process, int(found.group(1))

    def request_counts(self):
        counts = {}
        for line in self.run("get", "--raw", "/metrics").splitlines():
            if not line.startswith("apiserver_request_total{"):
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', line[line.index("{"):line.index("}")]))
            resource = labels.get("resource", "") + ("/" + labels["subresource"] if labels.get("subresource") else "")
            key = (labels.get("verb", ""), resource)
            counts[key] = counts.get(key, 0) + float(line.rsplit(" ", 1)[1])
        return counts


def network_manifest(i):
    return {"apiVersion": "blockyard.io/v1alpha1", "kind": "BitcoinNetwork",
            "metadata": {"name": "fleet-%03d" % i, "namespace": NAMESPACE},
            "spec": {"replicas": 3, "implementation": "btcd", "chain": "regtest"}}


def condition(network, kind):
    for c in (network.get("status") or {}).get("conditions") or []:
        if c["type"] == kind:
            return c["status"] == "True"
    return False


def proc_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        stat = f.read()
    parts = stat[stat.rindex(")") + 2:].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    return int(proc_status(pid)["VmRSS"].split()[0]) / 1024


def node_pids(cluster, program="btcd", namespace=None):
    """Processes of the playground's pods (btcd by default): a pod's processes share its network namespace, found by
    pod IP."""
    where = ["-n", namespace] if namespace else ["--all-namespaces"]
    ips = {p["status"].get("podIP") for p in cluster.json("get", "pods", *where)["items"]}
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/comm" % entry) as f:
                if f.read().strip() != program:
                    continue
            with open("/proc/%s/net/fib_trie" % entry) as f:
                trie = f.read()
        except OSError:
            continue
        if any(ip and ("|-- %s\n" % ip) in trie for ip in ips):
            pids.append(int(entry))
    return pids


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rpc(url, user, password, ca, method, params):
    context = ssl.create_default_context(cadata=ca)
    context.check_hostname = False  # the certificate names the Services; a pod is reached by IP
    body = json.dumps({"jsonrpc": "1.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", "Authorization": "Basic "
                                     + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()})
    with urllib.request.urlopen(request, context=context, timeout=10) as answer:
        return json.load(answer)["result"]


def progress(message):
    print(message, file=sys.stderr, flush=True)


def mine_and_time(cluster, name):
    """Mines a block on node 0 of the network; the seconds until its status shows the new height, or None."""
    network = cluster.json("get", "btcnet", name, "-n", NAMESPACE)
    secret = cluster.json("get", "secret", name + "-connection", "-n", NAMESPACE)["data"]
    text = {k: base64.b64decode(v).decode() for k, v in secret.items()}
    node0 = [x for x in network["status"]["nodes"] if x["ordinal"] == 0][0]
    forward, port = cluster.port_forward(NAMESPACE, node0["pod"], int(text["port"]))
    try:
        url = "https://127.0.0.1:%d/" % port
        height = rpc(url, text["user"], text["password"], text["ca.crt"], "getblockcount", []) + 1
        mined = time.monotonic()
        rpc(url, text["user"], text["password"], text["ca.crt"], "generate", [1])
    finally:
        forward.kill()
        forward.wait()
    while time.monotonic() - mined < 60:
        status_now = cluster.json("get", "btcnet", name, "-n", NAMESPACE).get("status") or {}
        if (status_now.get("blockHeight") or 0) >= height:
            return time.monotonic() - mined
        time.sleep(0.1)
    return None


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--networks", type=int, default=10,
                        help="networks to apply (0: measure the playground as it is, idle)")
    parser.add_argument("--idle", type=int, default=60, help="seconds of idle to measure (default 60)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds to wait for every network to be Meshed")
    parser.add_argument("--keep", action="store_true", help="leave the networks in place")
    args = parser.parse_args()

    playground = os.environ.get("PLAYGROUND_DIR", os.path.join(root, ".playground"))
    kubeconfig = os.path.join(playground, "control-plane", "admin.kubeconfig")
    if not os.path.exists(kubeconfig):
        sys.exit("no playground at %s: start one with make playground (or set PLAYGROUND_DIR)" % playground)
    cluster = Cluster(kubectl_path(root), kubeconfig)
    # The playground runs the operator in-cluster (its chart, in blockyard-system): its JVM is a process on this host.
    # A playground from before that kept the host JVM's pid in operator.pid.
    pid_file = os.path.join(playground, "operator.pid")
    if os.path.exists(pid_file):
        with open(pid_file) as f:
            operator = int(f.read().strip())
    else:
        found = node_pids(cluster, program="java", namespace="blockyard-system")
        if len(found) != 1:
            sys.exit("expected one operator JVM in namespace blockyard-system, found %d" % len(found))
        operator = found[0]
    n = args.networks

    cluster.run("create", "namespace", NAMESPACE) if NAMESPACE not in cluster.run(
        "get", "namespaces", "-o", "name") else None
    names = ["fleet-%03d" % i for i in range(n)]
    start = time.monotonic()
    if n:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as manifest:
            json.dump({"apiVersion": "v1", "kind": "List", "items": [network_manifest(i) for i in range(n)]},
                      manifest)
            manifest.flush()
            cluster.run("apply", "-f", manifest.name)
    meshed = {}
    last_report = start
    while len(meshed) < n and time.monotonic() - start < args.timeout:
        if time.monotonic() - last_report > 15:
            last_report = time.monotonic()
            progress("%d of %d networks Meshed after %.0f s" % (len(meshed), n, last_report - start))
        for item in cluster.json("get", "btcnet", "-n", NAMESPACE)["items"]:
            name = item["metadata"]["name"]
            if name in names and name not in meshed and condition(item, "Meshed") and condition(item, "Ready"):
                meshed[name] = time.monotonic() - start
        time.sleep(1)
    if len(meshed) < n:
        print("only %d of %d networks were Meshed within %d s" % (len(meshed), n, args.timeout), file=sys.stderr)
    # Let the last mesh changes and status writes pass before the idle window starts.
    if n:
        time.sleep(10)

    if meshed:
        times = sorted(meshed.values())
        progress("apply to Meshed: first %.1f s, median %.1f s, last %.1f s"
                 % (times[0], statistics.median(times), times[-1]))
    progress("measuring %d s of idle" % args.idle)
    pids = node_pids(cluster)
    before = cluster.request_counts()
    cpu_before, t_before = cpu_seconds(operator), time.monotonic()
    time.sleep(args.idle)
    after = cluster.request_counts()
    cpu_after, t_after = cpu_seconds(operator), time.monotonic()
    minutes = (t_after - t_before) / 60
    status = proc_status(operator)
    node_rss = [rss_mib(p) for p in pids if os.path.exists("/proc/%d" % p)]
    rates = {k: (after[k] - before.get(k, 0)) / minutes for k in after if after[k] - before.get(k, 0) > 0}

    progress("idle window measured; mining one block in each network")
    lags = []
    failures = []
    for name in names:
        try:
            lag = mine_and_time(cluster, name)
        except (RuntimeError, OSError, KeyError, IndexError) as e:
            failures.append("%s: %s" % (name, e))
            continue
        if lag is None:
            failures.append("%s: status did not show the block within 60 s" % name)
        else:
            lags.append(lag)
    for failure in failures:
        progress("mining: " + failure)

    load = os.getloadavg()
    times = sorted(meshed.values())
    print()
    print("Fleet benchmark: %d networks of 3 btcd nodes (regtest), playground %s" % (n, playground))
    print("| measure | value |")
    print("| --- | --- |")
    if times:
        print("| apply to Meshed: first / median / last | %.1f s / %.1f s / %.1f s |"
              % (times[0], statistics.median(times), times[-1]))
    print("| networks Meshed | %d of %d |" % (len(meshed), n))
    writes = sum(v for (verb, _), v in rates.items() if verb in WRITES)
    lease_writes = sum(v for (verb, res), v in rates.items() if verb in WRITES and res == "leases")
    print("| idle API writes per minute (all clients; of which leases) | %.0f (%.0f) |" % (writes, lease_writes))
    print("| idle Secret GETs per minute | %.0f |" % rates.get(("GET", "secrets"), 0))
    print("| operator CPU (share of one core) | %.1f %% |" % (100 * (cpu_after - cpu_before) / (t_after - t_before)))
    print("| operator RSS | %.0f MiB |" % (int(status["VmRSS"].split()[0]) / 1024))
    print("| operator threads | %s |" % status["Threads"])
    if node_rss:
        print("| node RSS, median of %d btcd | %.0f MiB |" % (len(node_rss), statistics.median(node_rss)))
    if lags:
        print("| status lag after a block: median / p95 (%d networks) | %.2f s / %.2f s |"
              % (len(lags), statistics.median(lags), percentile(lags, 95)))
    if failures:
        print("| networks whose block could not be timed | %d (see above) |" % len(failures))
    print("| load average (1/5/15 min) at the end | %.1f / %.1f / %.1f |" % load)
    print()
    print("Idle API requests per minute by verb and resource (all clients):")
    print("| verb | resource | per minute |")
    print("| --- | --- | --- |")
    for (verb, resource), rate in sorted(rates.items(), key=lambda kv: -kv[1]):
        print("| %s | %s | %.1f |" % (verb, resource, rate))

    if not args.keep:
        cluster.run("delete", "btcnet", "--all", "-n", NAMESPACE, "--wait=false")


if __name__ == "__main__":
    main()
