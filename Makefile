# Blockyard: the two commands a new user needs are `make playground` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -q

.PHONY: help tools build crds test playground playground-down bench-fleet clean

help:
	@echo "make playground       start a local Kubernetes with a process kubelet and a sample network"
	@echo "make playground-down  stop it and remove every process, namespace, mount and link it made"
	@echo "make test             build the pinned node programs if needed and run the whole test suite"
	@echo "make tools            only build/install the pinned third-party programs (cached by version)"
	@echo "make crds             regenerate deploy/crds/ from the Java model"
	@echo "make bench-fleet N=30 on a running playground: N networks of 3 btcd nodes, timed and measured at idle"

tools:
	@testbed/tools/build-tools.sh all

build:
	$(MVN) -DskipTests package
	chmod +x cli/target/bin/kubectl-blockyard

# Regenerates deploy/crds/ from the Java model in api/ (never edit those files by hand).
crds:
	$(MVN) -DskipTests -pl api -am package
	cp api/target/classes/META-INF/fabric8/*-v1.yml deploy/crds/

# verify, not test: the end-to-end tests run the packaged kubectl plugin.
test: tools
	mvn -B verify

playground: tools
	@testbed/tools/playground.sh up

playground-down:
	@testbed/tools/playground.sh down

# The fleet benchmark (docs/performance.md): needs a running playground (same PLAYGROUND_DIR).
N ?= 10
bench-fleet:
	@python3 bench/bench-fleet.py --networks $(N)

clean:
	$(MVN) clean
