// swift-tools-version:6.0
import PackageDescription

// The folders follow the pipeline a file travels:
// bytes → OrgYAML (libyaml events → located tree) → OrgModel (units, relations)
// → OrgProposal (changes applied, with provenance) → OrgRules (compiled rules
// evaluated) → OrgDiagnostics → OrgReport → orglint (CLI). OrgSchema writes
// JSON Schemas for editors from the loaders' own key lists.
let package = Package(
  name: "orglint",
  // Synchronization's Atomic and Mutex need macOS 15; Linux is where
  // orglint is built and tested.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "orglint", targets: ["orglint"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "OrgDiagnostics"),
    .target(name: "OrgYAML", dependencies: ["CLibYAML", "OrgDiagnostics"]),
    .target(name: "OrgModel", dependencies: ["OrgYAML", "OrgDiagnostics"]),
    .target(name: "OrgProposal", dependencies: ["OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .target(name: "OrgRules", dependencies: ["OrgProposal", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .target(name: "OrgReport", dependencies: ["OrgDiagnostics"]),
    // A team's settings (.orglint.yml) and accepted findings (baselines).
    .target(name: "OrgConfig", dependencies: ["OrgRules", "OrgReport", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .target(
      name: "OrgSchema",
      dependencies: ["OrgConfig", "OrgRules", "OrgProposal", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .executableTarget(
      name: "orglint",
      dependencies: [
        "OrgConfig", "OrgRules", "OrgProposal", "OrgModel", "OrgYAML", "OrgReport", "OrgSchema", "OrgDiagnostics",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "generate-builtin-rules"),
    // Benchmarks (`make bench`): synthetic organisations with planted faults.
    .target(name: "OrgSynthetic"),
    .executableTarget(
      name: "generate-organisation",
      dependencies: ["OrgSynthetic", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // Fuzzing (`make fuzz`): one libFuzzer target per stage, sharing OrgFuzzing.
    .target(name: "OrgFuzzing", dependencies: ["OrgRules", "OrgProposal", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .executableTarget(name: "fuzz-yaml", dependencies: ["OrgFuzzing"]),
    .executableTarget(name: "fuzz-model", dependencies: ["OrgFuzzing"]),
    .executableTarget(name: "fuzz-proposal", dependencies: ["OrgFuzzing"]),
    .executableTarget(name: "fuzz-rules", dependencies: ["OrgFuzzing"]),
    .executableTarget(name: "fuzz-expression", dependencies: ["OrgFuzzing"]),
    .testTarget(name: "OrgDiagnosticsTests", dependencies: ["OrgDiagnostics"]),
    .testTarget(name: "OrgYAMLTests", dependencies: ["OrgYAML"]),
    .testTarget(name: "OrgModelTests", dependencies: ["OrgModel", "OrgSynthetic"]),
    .testTarget(name: "OrgProposalTests", dependencies: ["OrgProposal", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
    .testTarget(name: "OrgRulesTests", dependencies: ["OrgRules", "OrgSynthetic"]),
    .testTarget(name: "OrgReportTests", dependencies: ["OrgReport"]),
    .testTarget(name: "OrgConfigTests", dependencies: ["OrgConfig", "OrgRules", "OrgDiagnostics"]),
    .testTarget(
      name: "OrgSchemaTests",
      dependencies: ["OrgSchema", "OrgConfig", "OrgRules", "OrgProposal", "OrgModel", "OrgYAML", "OrgDiagnostics"],
      exclude: ["Broken"]),
    // The golden reports are read from the repository, as the broken schema documents are.
    .testTarget(
      name: "orglintTests", dependencies: ["orglint", "OrgReport", "OrgSchema", "OrgYAML"], exclude: ["Golden"]),
    .testTarget(
      name: "OrgSyntheticTests", dependencies: ["OrgSynthetic", "OrgRules", "OrgModel", "OrgYAML", "OrgDiagnostics"]),
  ]
)
