# Blockyard: the two commands a new user needs are `make playground` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -q
PLAYGROUND_DIR ?= $(CURDIR)/.playground
PLAYGROUND_NAME ?= bypg
TESTBED_JAR := testbed/target/blockyard-testbed-0.1.0-SNAPSHOT.jar
TESTBED_CP := $(TESTBED_JAR):testbed/target/lib/*
PLAYGROUND_EXAMPLE ?= deploy/examples/btcd-statefulset.yaml

.PHONY: help tools build test playground playground-down playground-status clean

help:
	@echo "make playground       start a local Kubernetes with a process kubelet and a sample network"
	@echo "make playground-down  stop it and remove every process, namespace, mount and link it made"
	@echo "make test             build the pinned node programs if needed and run the whole test suite"
	@echo "make tools            only build/install the pinned third-party programs (cached by version)"

tools:
	@testbed/tools/build-tools.sh all

build:
	$(MVN) -DskipTests package

test: tools
	mvn -B test

playground: tools
	@if [ -f $(PLAYGROUND_DIR)/testbed.pid ] && kill -0 $$(cat $(PLAYGROUND_DIR)/testbed.pid) 2>/dev/null; then \
	  echo "The playground is already running (pid $$(cat $(PLAYGROUND_DIR)/testbed.pid)); use it with:"; \
	  echo "  export KUBECONFIG=$(PLAYGROUND_DIR)/control-plane/admin.kubeconfig"; \
	  echo "Stop it with: make playground-down"; \
	  exit 0; \
	fi
	@echo "building the test bed..."
	@$(MVN) -DskipTests package
	@mkdir -p $(PLAYGROUND_DIR)
	@rm -f $(PLAYGROUND_DIR)/ready
	@nohup java -cp "$(TESTBED_CP)" io.blockyard.testbed.TestbedMain up --dir $(PLAYGROUND_DIR) \
	  --name $(PLAYGROUND_NAME) --apply $(PLAYGROUND_EXAMPLE) > $(PLAYGROUND_DIR)/playground.log 2>&1 & \
	  pid=$$!; \
	  for i in $$(seq 1 180); do \
	    if [ -f $(PLAYGROUND_DIR)/ready ]; then break; fi; \
	    if ! kill -0 $$pid 2>/dev/null; then echo "the playground failed to start:"; tail -n 30 $(PLAYGROUND_DIR)/playground.log; exit 1; fi; \
	    sleep 1; \
	  done; \
	  if [ ! -f $(PLAYGROUND_DIR)/ready ]; then echo "the playground did not start within 180 s; see $(PLAYGROUND_DIR)/playground.log"; exit 1; fi
	@echo
	@echo "The playground is up: a local control plane, a process kubelet and $(PLAYGROUND_EXAMPLE)."
	@echo "From another terminal:"
	@echo "  export KUBECONFIG=$(PLAYGROUND_DIR)/control-plane/admin.kubeconfig"
	@echo "  kubectl get pods -o wide"
	@echo "Pod logs (one file per container): $(PLAYGROUND_DIR)/kubelet/logs/"
	@echo "Control-plane logs:                $(PLAYGROUND_DIR)/control-plane/logs/"
	@echo "Test-bed log:                      $(PLAYGROUND_DIR)/playground.log"
	@echo "Stop everything with: make playground-down"

playground-down:
	@if [ -f $(TESTBED_JAR) ]; then \
	  java -cp "$(TESTBED_CP)" io.blockyard.testbed.TestbedMain down --dir $(PLAYGROUND_DIR) --name $(PLAYGROUND_NAME); \
	else echo "nothing to stop (the test bed was never built)"; fi

clean:
	$(MVN) clean
