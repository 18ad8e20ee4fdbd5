/**
 * Everything that runs on the machine's one local Kubernetes cluster, in one file because each
 * suite starts and stops that cluster (command B runs test files side by side): the cluster
 * itself from a stopped start to a clean stop, then the k8s stack on it end to end.
 */
import "./kubernetes/local-cluster";
import "./kubernetes/platform-on-cluster";
