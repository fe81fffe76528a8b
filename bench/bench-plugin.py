#!/usr/bin/env python3
"""The plugin's start: how long `kubectl blockyard status` takes against `kubectl get btcnet`, on a running playground.

    make playground && make build && make bench-plugin RUNS=20

Runs, round-robin so that the machine's load falls on all alike, RUNS times each:
  - `kubectl get btcnet NETWORK`                      the reference: kubectl alone, one GET;
  - `kubectl blockyard status NETWORK`                the packaged plugin (cli/target/bin: its runtime, the class-data
                                                      sharing archive of the installation, the launcher's JVM flags);
  - the same with the former launcher                 the system's `java` on the same jars, default flags, no archive;
after one unmeasured run of each (the packaged plugin's first run in cli/target makes its archive: that run's time is
printed apart). Prints the median and p95 wall-clock time of each and its ratio to kubectl's, the median CPU time
(user and system, every thread: what a loaded machine does not inflate) and its ratio, and the load average before
and after.

Environment: PLAYGROUND_DIR (default .playground), KUBECTL (default: the test bed's kubectl, else kubectl on PATH).
"""
import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The playground's old launcher, as cli/src/main/dist/kubectl-blockyard was before the plugin was packaged.
FORMER_LAUNCHER = """#!/bin/sh
exec java -cp "{target}/blockyard-cli-{version}.jar:{target}/lib/*" io.blockyard.cli.KubectlBlockyard "$@"
"""


def kubectl_path():
    spec = importlib.util.spec_from_file_location("bench_fleet", os.path.join(ROOT, "bench", "bench-fleet.py"))
    fleet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fleet)
    return fleet.kubectl_path(ROOT)


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd, env):
    """Wall-clock seconds and CPU seconds (user + system, every thread) of one run."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(cmd), result.returncode, (result.stderr or result.stdout).strip()))
    return elapsed, cpu_of_children() - cpu


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-r", "--runs", type=int, default=20, help="measured runs of each command (default 20)")
    parser.add_argument("--network", default="regtest", help="the BitcoinNetwork (default: the playground's sample)")
    parser.add_argument("-n", "--namespace", default="default", help="its namespace (default: default)")
    parser.add_argument("--no-former", action="store_true", help="leave out the former launcher")
    args = parser.parse_args()

    playground = os.environ.get("PLAYGROUND_DIR", os.path.join(ROOT, ".playground"))
    kubeconfig = os.path.join(playground, "control-plane", "admin.kubeconfig")
    if not os.path.exists(kubeconfig):
        sys.exit("no playground at %s: start one with make playground (or set PLAYGROUND_DIR)" % playground)
    target = os.path.join(ROOT, "cli", "target")
    packaged = os.path.join(target, "bin")
    if not os.path.exists(os.path.join(packaged, "kubectl-blockyard")):
        sys.exit("no packaged plugin in %s: run make build" % packaged)
    kubectl = kubectl_path()
    env = dict(os.environ, KUBECONFIG=kubeconfig)

    commands = {
        "kubectl get btcnet": ([kubectl, "get", "btcnet", args.network, "-n", args.namespace], env),
        "kubectl blockyard status": ([kubectl, "blockyard", "status", args.network, "-n", args.namespace],
                                     dict(env, PATH=packaged + os.pathsep + env["PATH"])),
    }
    former_dir = None
    if not args.no_former:
        jars = [f for f in os.listdir(target) if f.startswith("blockyard-cli-") and f.endswith(".jar")
                and "-sources" not in f and "-tests" not in f]
        version = jars[0][len("blockyard-cli-"):-len(".jar")]
        former_dir = tempfile.mkdtemp(prefix="bench-plugin-")
        launcher = os.path.join(former_dir, "kubectl-blockyard")
        with open(launcher, "w") as f:
            f.write(FORMER_LAUNCHER.format(target=target, version=version))
        os.chmod(launcher, 0o755)
        commands["status, former launcher"] = (commands["kubectl blockyard status"][0],
                                               dict(env, PATH=former_dir + os.pathsep + env["PATH"]))

    load_before = os.getloadavg()
    warmup = {name: timed(cmd, e)[0] for name, (cmd, e) in commands.items()}
    times = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (cmd, e) in commands.items():
            elapsed, used = timed(cmd, e)
            times[name].append(elapsed)
            cpu[name].append(used)
    load_after = os.getloadavg()
    if former_dir:
        os.remove(os.path.join(former_dir, "kubectl-blockyard"))
        os.rmdir(former_dir)

    reference = statistics.median(times["kubectl get btcnet"])
    print("%d runs each, network %s/%s; load average %.1f %.1f %.1f before, %.1f %.1f %.1f after (%d cores)"
          % ((args.runs, args.namespace, args.network) + load_before + load_after + (os.cpu_count(),)))
    reference_cpu = statistics.median(cpu["kubectl get btcnet"])
    print("%-26s %9s %8s %10s %10s %10s %9s" % ("command", "median s", "p95 s", "x kubectl", "CPU s", "CPU x", "1st s"))
    for name, values in times.items():
        median = statistics.median(values)
        used = statistics.median(cpu[name])
        print("%-26s %9.3f %8.3f %10.1f %10.3f %10.1f %9.3f" % (name, median, p95(values), median / reference, used,
                                                                used / reference_cpu, warmup[name]))


if __name__ == "__main__":
    main()
