# Blockyard: the two commands a new user needs are `make playground` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -q

.PHONY: help tools images image check-images build crds manifests test playground playground-down bench-fleet bench-plugin clean

help:
	@echo "make playground       start a local Kubernetes (control plane and a real node) with a sample network"
	@echo "make playground-down  stop it and remove every process, namespace, mount and link it made"
	@echo "make test             build the pinned node programs if needed and run the whole test suite"
	@echo "make tools            only build/install the pinned third-party programs (cached by version)"
	@echo "make crds             regenerate deploy/crds/ from the Java model (and what is rendered from them)"
	@echo "make manifests        render deploy/blockyard.yaml and deploy/rbac/operator.yaml from the Helm chart"
	@echo "make images           build the node images (deploy/images/) as archives, cached by content"
	@echo "make image            build the operator's image as an archive (operator/target/blockyard-operator-image.tar)"
	@echo "make check-images     run every image, the operator's too, in a private containerd (root)"
	@echo "make bench-fleet N=30 on a running playground: N networks of 3 btcd nodes, timed and measured at idle"
	@echo "make bench-plugin     on a running playground: kubectl blockyard status against kubectl get btcnet, timed"

tools:
	@testbed/tools/build-tools.sh all

# Also packages the kubectl plugin: cli/target/kubectl-blockyard-linux-amd64.tar.gz, its krew manifest
# cli/target/krew/blockyard.yaml, and the launcher cli/target/bin/kubectl-blockyard.
build:
	$(MVN) -DskipTests package

images:
	@testbed/tools/build-images.sh all

# The operator's image (Jib, no daemon; every operator build makes it) on the Java runtime image built here; a
# release names a published base with -Doperator.baseImage=REFERENCE.
image:
	$(MVN) -pl operator -am -DskipTests package

check-images: image
	@testbed/tools/check-images.sh btcd lnd bitcoind pause coredns operator-base operator

# Regenerates deploy/crds/ from the Java model in api/ (never edit those files by hand).
crds:
	$(MVN) -DskipTests -pl api -am package
	cp api/target/classes/META-INF/fabric8/*-v1.yml deploy/crds/
	@deploy/helm/render.sh

# The chart's copies of deploy/crds, deploy/admission and deploy/rbac/rules.yaml, and the manifests rendered from it.
manifests:
	@deploy/helm/render.sh

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

# The plugin's start (docs/performance.md): needs a running playground and `make build`.
RUNS ?= 20
bench-plugin:
	@python3 bench/bench-plugin.py --runs $(RUNS)

clean:
	$(MVN) clean
