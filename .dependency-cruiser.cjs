/**
 * The project's layers, checked over the import graph in command B (`npm run lint:layers`).
 * From the bottom up:
 *
 *   components/model    the target-neutral workload model, its names and labels, the Target interface
 *   components/config   the stack config's shape, defaults and general rules
 *   components/<concept>  zookeeper, kafka, spark: settings use, rules, renderers, components
 *   components/platform composition: StreamingPlatform, every rule gathered (settings.ts)
 *   targets/<name>      thin adapters: the model in, Docker / Kubernetes resources out
 *   live/               probes of running systems (ZooKeeper, Kafka, Spark, the Docker engine)
 *   program/            the live checks and target choice a platform needs: preflight, warm-up
 *   api/                the npm package's entry: the public StreamingPlatform (validation,
 *                       preflight, target choice, then the composition) and every export
 *   index.ts            this repo's program: the stack config -> the public API
 *   accelerators/       opt-in runtime changes to SDK internals, quarantined
 *   plugins/, policy/   the provider plugin and the policy pack
 *   review/             the PR review (product code, with its fixtures)
 *   operations/         what the npm commands do (status, recover, topic migration, graph)
 *   harness/            driving real stacks, shared by tests and benchmarks
 *   scripts/, test/     on top: thin command entry points, set-up, benchmarks; the tests
 *
 * Each rule below names what it keeps apart and why; a violation fails command B.
 */
const NODE_IO = "^(node:)?(net|http|https|http2|fs|fs/promises|child_process|dgram|dns|tls|os|inspector|worker_threads)$";

module.exports = {
    forbidden: [
        {
            name: "no-circular",
            comment: "A cycle makes load order matter and the layers meaningless.",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        {
            name: "library-is-pure",
            comment: "components/ is the concept library: it never reaches up to the adapters, the program, live probes, accelerators or tools.",
            severity: "error",
            from: { path: "^components/" },
            to: { path: "^(api|targets|program|live|accelerators|plugins|policy|review|operations|harness|scripts|test)/|^index\\.ts$" },
        },
        {
            name: "library-does-no-io",
            comment: "No sockets, files or processes in the library: live I/O sits in live/ and the program's entry.",
            severity: "error",
            from: { path: "^components/" },
            to: { dependencyTypes: ["core"], path: NODE_IO },
        },
        {
            name: "library-has-no-clients",
            comment: "No Kafka client in the library (it is how live/ and the provider talk to brokers).",
            severity: "error",
            from: { path: "^components/" },
            to: { path: "node_modules/@platformatic/kafka/" },
        },
        {
            name: "model-is-the-bottom",
            comment: "The workload model knows no settings, concept or composition.",
            severity: "error",
            from: { path: "^components/model/" },
            to: { path: "^components/(?!model/)" },
        },
        {
            name: "config-below-concepts",
            comment: "Config parses and checks what belongs to no concept; concept rules are gathered above both (components/platform/settings.ts).",
            severity: "error",
            from: { path: "^components/config/" },
            to: { path: "^components/(zookeeper|kafka|spark|platform)/" },
        },
        {
            name: "concepts-below-composition",
            comment: "A concept never imports the platform that composes it.",
            severity: "error",
            from: { path: "^components/(zookeeper|kafka|spark)/" },
            to: { path: "^components/platform/" },
        },
        {
            name: "adapters-take-the-model-only",
            comment: "Targets see the workload model, never a concept, config or the composition: a renderer change never needs an adapter change.",
            severity: "error",
            from: { path: "^targets/" },
            to: { path: "^components/(?!model/)" },
        },
        {
            name: "targets-apart",
            comment: "Targets never import each other; what they share belongs in the model.",
            severity: "error",
            from: { path: "^targets/([^/]+)/" },
            to: { path: "^targets/", pathNot: "^targets/$1/" },
        },
        {
            name: "targets-below-the-program",
            comment: "Adapters are chosen by the program, never the other way round.",
            severity: "error",
            from: { path: "^targets/" },
            to: { path: "^(api|program|accelerators|plugins|policy|review|operations|harness|scripts|test)/|^index\\.ts$" },
        },
        {
            name: "live-is-leaf",
            comment: "Probes know only how to ask running systems (and the model's names); nothing of the program, targets or tools.",
            severity: "error",
            from: { path: "^live/" },
            to: { path: "^components/(?!model/)|^(api|targets|program|accelerators|plugins|policy|review|operations|harness|scripts|test)/|^index\\.ts$" },
        },
        {
            name: "accelerators-quarantined",
            comment: "Runtime changes to SDK internals are loaded only by the two entry points that opt into them (program.js, the provider plugin's first import).",
            severity: "error",
            from: { path: "^(?!accelerators/|program\\.js$|plugins/streamstack/sdk-accelerators\\.ts$|test/unit/sdk-accelerators\\.test\\.ts$|test/unit/(defer-sdk-modules|skip-promise-stacks|quiet-sdk-debug-log)\\.test\\.ts$)" },
            to: { path: "^accelerators/" },
        },
        {
            name: "accelerators-stand-alone",
            comment: "The accelerators import nothing of the project: they can be dropped without touching it.",
            severity: "error",
            from: { path: "^accelerators/" },
            to: { path: "^(api|components|targets|program|live|plugins|policy|review|operations|harness|scripts|test)/|^index\\.ts$" },
        },
        {
            name: "program-below-the-package-entry",
            comment: "The live checks serve the public component; they never import the package's entry (nor this repo's program).",
            severity: "error",
            from: { path: "^program/" },
            to: { path: "^api/|^index\\.ts$" },
        },
        {
            name: "provider-below-tools",
            comment: "The provider plugin runs in the engine: it never imports this repo's program, the adapters, the live checks or tools directly; it constructs components for other languages through the package's entry (api/) alone.",
            severity: "error",
            from: { path: "^plugins/" },
            to: { path: "^(targets|program|policy|review|operations|harness|scripts|test)/|^index\\.ts$" },
        },
        {
            name: "product-below-tools",
            comment: "The review, the commands' operations and the harness are code the tools use; they never import the tools.",
            severity: "error",
            from: { path: "^(review|operations|harness|policy)/" },
            to: { path: "^(scripts|test)/" },
        },
        {
            name: "scripts-and-tests-apart",
            comment: "Scripts and tests share helpers through one place both import (harness/, operations/), never each other.",
            severity: "error",
            from: { path: "^scripts/" },
            to: { path: "^test/" },
        },
        {
            name: "tests-and-scripts-apart",
            comment: "Tests run scripts as commands; they import what the scripts import, never a script.",
            severity: "error",
            from: { path: "^test/" },
            to: { path: "^scripts/" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^(build|dist|node_modules|\\.pulumi-state)/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    },
};
