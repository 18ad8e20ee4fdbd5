#!/usr/bin/env bash
# Builds the ZooKeeper, Kafka and Spark images from images/*/Dockerfile, with artifacts
# from Maven Central and PyPI, and tags each by a hash of everything that goes into it
# (streamstack/<name>:<hash>, plus :local, which the local stack uses). An image whose
# hash tag exists is not rebuilt.
# BASE_IMAGE: a JRE 17 image; default: one made by base-image.sh (no registry needed).
source "$(dirname "$0")/lib.sh"
mkdir -p "$STREAMSTACK_CACHE/logs"

base_image="${BASE_IMAGE:-$(bash "$(dirname "$0")/base-image.sh")}"
base_id=$(docker image inspect --format '{{.Id}}' "$base_image") || die "base image $base_image not found"
images_dir="$STREAMSTACK_ROOT/images"

# Sources outside images/<name> that an image is built from.
extra_sources() { [ "$1" = spark ] && echo "$STREAMSTACK_ROOT/jobs"; true; }

content_hash() {
  local name="$1" variant="$2" dir
  { for dir in "$images_dir/$name" $(extra_sources "$name"); do
      (cd "$dir" && find . -type f -not -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum)
    done
    cat "$STREAMSTACK_ROOT/versions.env"; echo "$base_id $variant"; } | sha256sum | cut -c1-12
}

# One Kafka image per version of KAFKA_VERSIONS (kafka.version picks one). Kafka 4 moved four
# admin tools into org.apache.kafka.tools and dropped ZooKeeper: bin/ follows (kafka-4.sed).
stage_kafka() {
  local ctx="$1" version="$2"
  local binding=()
  # Kafka 4 logs through Log4j 2 (its own log4j-core) where 3.9 used reload4j.
  [ "${version%%.*}" -ge 4 ] && binding=(-Dslf4j.binding.groupId=org.apache.logging.log4j
    -Dslf4j.binding.artifactId=log4j-slf4j-impl -Dslf4j.binding.version="$KAFKA_4_LOG4J_VERSION")
  mvn -q -B -f "$ctx/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$ctx/libs" \
    -Dkafka.version="$version" -Dscala.binary.version="$KAFKA_SCALA_VERSION" "${binding[@]}" \
    || die "resolving Kafka $version jars from Maven Central failed"
  if [ "${version%%.*}" -ge 4 ]; then
    sed -i -f "$ctx/kafka-4.sed" "$ctx"/bin/*.sh
    rm -f "$ctx/bin/zookeeper-shell.sh" "$ctx"/config/*log4j.properties
  else
    rm -f "$ctx"/config/*log4j2.properties
  fi
  rm -f "$ctx/kafka-4.sed"
}

stage_zookeeper() {
  mvn -q -B -f "$1/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$1/lib" \
    -Dzookeeper.version="$ZOOKEEPER_VERSION" || die "resolving ZooKeeper $ZOOKEEPER_VERSION jars from Maven Central failed"
}

# Spark's jars and launch scripts ship inside the pyspark source distribution (deps/).
stage_spark() {
  local ctx="$1" dl="$STREAMSTACK_CACHE/dl"
  local archive="$dl/pyspark-$SPARK_VERSION.tar.gz"
  if [ ! -f "$archive" ]; then
    mkdir -p "$dl"
    python3 -m pip download --quiet --no-deps -d "$dl" "pyspark==$SPARK_VERSION" ||
      die "downloading pyspark $SPARK_VERSION from PyPI failed"
  fi
  mkdir -p "$ctx/spark"
  tar -xzf "$archive" -C "$ctx/spark" --strip-components=2 \
    "pyspark-$SPARK_VERSION/deps/bin" "pyspark-$SPARK_VERSION/deps/sbin" "pyspark-$SPARK_VERSION/deps/jars"
  rm -f "$ctx"/spark/bin/*.cmd
  mkdir -p "$ctx/examples/classes" "$ctx/examples/jars"
  javac -nowarn -d "$ctx/examples/classes" -cp "$ctx/spark/jars/*" \
    $(find "$ctx/examples/src" -name '*.java') || die "compiling the Spark examples failed (needs a JDK 17 javac)"
  jar cf "$ctx/examples/jars/streamstack-examples.jar" -C "$ctx/examples/classes" .
  # The drivers' secret agent (images/spark/agent), on every Spark JVM's class path.
  mkdir -p "$ctx/agent/classes"
  javac -nowarn --release 17 -d "$ctx/agent/classes" $(find "$ctx/agent/src" -name '*.java') || die "compiling the Spark auth agent failed"
  printf 'Premain-Class: streamstack.agent.AuthSecretAgent\n' > "$ctx/agent/MANIFEST.MF"
  jar cfm "$ctx/spark/jars/streamstack-auth-agent.jar" "$ctx/agent/MANIFEST.MF" -C "$ctx/agent/classes" .
  # The masters' start-up tool (images/spark/tools), outside Spark's class path.
  mkdir -p "$ctx/tools/classes" "$ctx/streamstack"
  javac -nowarn --release 17 -d "$ctx/tools/classes" -cp "$ctx/spark/jars/*" $(find "$ctx/tools/src" -name '*.java') ||
    die "compiling the Spark masters' tools failed"
  jar cf "$ctx/streamstack/streamstack-tools.jar" -C "$ctx/tools/classes" .
  stage_jobs "$ctx"
}

# The streaming jobs (jobs/*, Maven projects) and the jars they need beyond Spark's own (the
# Kafka connector): /opt/spark/jobs/<job>.jar and /opt/spark/jobs/lib/. A dependency Spark
# already ships (scala-library, hadoop-client-*, lz4, ...) is left out: Spark's copy wins.
stage_jobs() {
  local ctx="$1" pom jar artifact
  mkdir -p "$ctx/jobs/lib"
  for pom in "$STREAMSTACK_ROOT"/jobs/*/pom.xml; do
    local build="$STREAMSTACK_CACHE/build/job-$(basename "$(dirname "$pom")")"
    rm -rf "$build" && cp -r "$(dirname "$pom")" "$build"
    mvn -q -B -f "$build/pom.xml" package dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$build/target/lib" -Dspark.version="$SPARK_VERSION" ||
      die "building the job $(dirname "$pom") with Maven failed"
    cp "$build"/target/*.jar "$ctx/jobs/"
    for jar in "$build"/target/lib/*.jar; do
      artifact=$(basename "$jar" | sed -E 's/-[0-9][^-]*\.jar$//')
      compgen -G "$ctx/spark/jars/$artifact-[0-9]*.jar" >/dev/null || cp "$jar" "$ctx/jobs/lib/"
    done
    rm -rf "$build"
  done
}

# build_image NAME BUILD_ARG [VARIANT [ALIAS...]]: VARIANT (a Kafka version) is passed to stage_NAME
# and is part of the hash; ALIAS tags name the image too (streamstack/kafka:3.9.1). The last one
# built of a name is also streamstack/NAME:local unless ALIASES say otherwise.
build_image() {
  local name="$1" version_arg="$2" variant="${3:-}"
  shift 3 2>/dev/null || shift $#
  local tag="streamstack/$name:$(content_hash "$name" "$variant")"
  if docker image inspect "$tag" >/dev/null 2>&1; then
    log "image $tag present"
  else
    local ctx="$STREAMSTACK_CACHE/build/image-$name"
    rm -rf "$ctx" && mkdir -p "$ctx" && cp -r "$images_dir/$name/." "$ctx/"
    "stage_$name" "$ctx" "$variant"
    docker build --quiet --build-arg "BASE_IMAGE=$base_image" ${version_arg:+--build-arg "$version_arg"} \
      --label "org.opencontainers.image.source=streamstack" -t "$tag" "$ctx" >"$STREAMSTACK_CACHE/logs/build-$name.log" 2>&1 ||
      { tail -20 "$STREAMSTACK_CACHE/logs/build-$name.log" >&2; die "docker build of $tag failed (context: $ctx)"; }
    rm -rf "$ctx"
    log "built $tag"
  fi
  local alias
  for alias in "${@:-local}"; do docker tag "$tag" "streamstack/$name:$alias"; done
}

step "image zookeeper $ZOOKEEPER_VERSION" build_image zookeeper "ZOOKEEPER_VERSION=$ZOOKEEPER_VERSION" ""
# Each Kafka version is streamstack/kafka:<version>; the default one (KAFKA_VERSION) is also :local.
for kafka_version in $KAFKA_VERSIONS; do
  if [ "$kafka_version" = "$KAFKA_VERSION" ]; then aliases=("$kafka_version" local); else aliases=("$kafka_version"); fi
  step "image kafka $kafka_version" build_image kafka "" "$kafka_version" "${aliases[@]}"
done
step "image spark $SPARK_VERSION" build_image spark "" ""
