package io.blockyard.testbed.kubelet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every pod worker of one process kubelet shares. */
record NodeServices(KubernetesClient client, String nodeName, PodNetwork network, PodVolumes volumes,
    ImageTable images, MountPoints mountPoints, Path podsDir, Path logsDir, Path entryScript,
    ScheduledExecutorService scheduler, ExecutorService workers, Runnable podsChanged) {}
