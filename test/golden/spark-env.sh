# Rendered by streamstack; sourced by spark-class through load-spark-env.sh.
SPARK_WORKER_CORES=2
SPARK_WORKER_MEMORY=2g
SPARK_DAEMON_MEMORY=512m
STREAMSTACK_CHECKPOINT_DIR=/checkpoints
