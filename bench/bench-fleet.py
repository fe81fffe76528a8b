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
import queue
import tempfile
import threading
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

    def watch(self, kind, namespace):
        return Watch(self.base + ["get", kind, "-n", namespace, "--watch", "-o", "json"])

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


class Watch:
    """`kubectl get --watch -o json`: the objects as they change, read on a thread, handed out one at a time."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.objects = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        decoder, buffer = json.JSONDecoder(), ""
        for line in self.process.stdout:
            buffer += line
            while True:
                buffer = buffer.lstrip()
                try:
                    item, end = decoder.raw_decode(buffer)
                except ValueError:
                    break
                self.objects.put(item)
                buffer = buffer[end:]

    def next(self, timeout):
        try:
            return self.objects.get(timeout=timeout)
        except queue.Empty:
            if self.process.poll() is not None:
                raise RuntimeError("kubectl --watch ended (exit code %d)" % self.process.returncode)
            return None

    def close(self):
        self.process.kill()
        self.process.wait()


def machine_cpu_seconds():
    """CPU time the whole machine spent (every process, the kernel's too), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def process_cpu():
    """CPU seconds by process name, every live process; what a process's exited children used (runc under
    containerd's shims, iptables and mount under the kubelet) counts under "<parent> children"."""
    ticks = os.sysconf("SC_CLK_TCK")
    by_name = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        parts = stat[stat.rindex(")") + 2:].split()
        own, children = int(parts[11]) + int(parts[12]), int(parts[13]) + int(parts[14])
        by_name[(entry, name)] = (own / ticks, children / ticks)
    return by_name


def cpu_by_process(before, after):
    totals = {}
    for key, (own, children) in after.items():
        own0, children0 = before.get(key, (0, 0))
        name = key[1]
        totals[name] = totals.get(name, 0) + own - own0
        if children - children0 > 0:
            totals[name + " children"] = totals.get(name + " children", 0) + children - children0
    return totals


class StartCost:
    """What starting the fleet cost, from apply to the last network Meshed."""

    def __init__(self, machine_before, machine_after, operator_before, operator_after, requests_before,
                 requests_after, processes_before, processes_after):
        self.machine = machine_after - machine_before
        self.processes = cpu_by_process(processes_before, processes_after)
        self.operator = operator_after - operator_before
        self.writes = {k: v - requests_before.get(k, 0) for k, v in requests_after.items()
                       if k[0] in WRITES and v - requests_before.get(k, 0) > 0}


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
    machine_before, operator_cpu_before = machine_cpu_seconds(), cpu_seconds(operator)
    processes_before = process_cpu()
    writes_before = cluster.request_counts()
    start = time.monotonic()
    if n:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as manifest:
            json.dump({"apiVersion": "v1", "kind": "List", "items": [network_manifest(i) for i in range(n)]},
                      manifest)
            manifest.flush()
            cluster.run("apply", "-f", manifest.name)
    meshed = {}
    last_report = start
    # One watch rather than a kubectl a second: the benchmark's own polling cost as much CPU as the API server's
    # answers to it while the fleet started.
    watch = cluster.watch("btcnet", NAMESPACE) if n else None
    while len(meshed) < n and time.monotonic() - start < args.timeout:
        if time.monotonic() - last_report > 15:
            last_report = time.monotonic()
            progress("%d of %d networks Meshed after %.0f s" % (len(meshed), n, last_report - start))
        item = watch.next(timeout=1)
        if item is None:
            continue
        name = item["metadata"]["name"]
        if name in names and name not in meshed and condition(item, "Meshed") and condition(item, "Ready"):
            meshed[name] = time.monotonic() - start
    if watch:
        watch.close()
    start_cost = StartCost(machine_before, machine_cpu_seconds(), operator_cpu_before, cpu_seconds(operator),
                           writes_before, cluster.request_counts(), processes_before, process_cpu()) if n else None
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
    if start_cost:
        print("| machine CPU from apply to the last Meshed (of which the operator) | %.0f CPU-s (%.1f CPU-s) |"
              % (start_cost.machine, start_cost.operator))
        print("| API writes from apply to the last Meshed, all clients | %.0f |" % sum(start_cost.writes.values()))
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
    if start_cost:
        print()
        print("API writes from apply to the last Meshed by verb and resource (all clients):")
        print("| verb | resource | writes |")
        print("| --- | --- | --- |")
        for (verb, resource), count in sorted(start_cost.writes.items(), key=lambda kv: -kv[1]):
            print("| %s | %s | %.0f |" % (verb, resource, count))
        print()
        print("CPU from apply to the last Meshed by process (the 15 largest; \"children\": what its exited children used):")
        print("| process | CPU-s |")
        print("| --- | --- |")
        for name, seconds in sorted(start_cost.processes.items(), key=lambda kv: -kv[1])[:15]:
            print("| %s | %.1f |" % (name, seconds))

    if not args.keep:
        cluster.run("delete", "btcnet", "--all", "-n", NAMESPACE, "--wait=false")


if __name__ == "__main__":
    main()
