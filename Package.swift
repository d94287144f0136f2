// swift-tools-version:6.0
import PackageDescription

/// The hot loops (reading, scoring, writing) are compiled without runtime exclusivity and
/// overflow checks in release builds; debug builds and tests keep every check.
let hotPathSettings: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

/// The anonymity engine's searches and the statistics' resampling are optimised in debug builds
/// too: unoptimised, they were most of the CPU time of the tests (an organisation cut took 9x
/// its optimised time). `-O` keeps every runtime check (overflow, bounds, exclusivity,
/// preconditions); these modules have no `assert`.
let checkedOptimisedSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// `cultivar` links the Swift runtime and Foundation statically on Linux: loading them as 20
/// shared libraries and binding their symbols was most of its start-up time (docs/performance.md).
/// SwiftPM's compile steps name only `Foundation` for the linker, so its static parts are listed,
/// and lld (which does not depend on the order of archives) links them. It stays
/// position-independent (ASLR: plugins are untrusted code, and `serve` faces a network); its
/// 97,000 relative relocations are packed (RELR: 19 KB instead of a 2.3 MB table read at every
/// start).
let staticRuntime: [LinkerSetting] = [
  .unsafeFlags(
    ["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
      + [
        "_FoundationICU", "CoreFoundation", "Foundation", "FoundationEssentials", "FoundationInternationalization", "_FoundationCShims",
        "_FoundationCollections", "swiftSynchronization", "swift_StringProcessing", "swift_RegexParser", "swiftDispatch", "swiftGlibc",
        "dispatch", "BlocksRuntime",
      ].flatMap { ["-Xlinker", "-l" + $0] }, .when(platforms: [.linux]))
]

/// Release builds link the functions that common jobs run, together, in the order they first
/// run (`link/function-order.txt`, written by `make link-order`): the kernel maps code in blocks
/// around each page a run touches, and scattered over 22 MB of text they kept about 15 MB of it
/// resident (docs/performance.md, "Issue 17, session 13: start-up and resident code").
let packageRoot = String(#filePath.dropLast("/Package.swift".count))
let functionOrder: [LinkerSetting] = [
  .unsafeFlags(
    ["-Xlinker", "--symbol-ordering-file=\(packageRoot)/link/function-order.txt", "-Xlinker", "--no-warn-symbol-ordering"],
    .when(platforms: [.linux], configuration: .release))
]

let package = Package(
  name: "Cultivar",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "cultivar", targets: ["cultivar"]),
    .executable(name: "cultivar-net", targets: ["cultivar-net"]),
    .executable(name: "cultivar-fuzz", targets: ["CultivarFuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // Debian's Lua 5.4 C library (liblua5.4-dev): its headers, from include/lua5.4.
    .systemLibrary(name: "CLua"),
    // The C half of the bridge: allocator, sandbox, protected calls, watchdog hook. It links
    // Debian's static liblua5.4.a rather than the shared library: a `score` hook ran 6-12%
    // faster in A/B runs (docs/performance.md, "Lua linked statically").
    .target(name: "LuaShim", dependencies: ["CLua"], linkerSettings: [.linkedLibrary(":liblua5.4.a")]),
    // The only Swift module that touches the Lua C API.
    .target(name: "LuaBridge", dependencies: ["CLua", "LuaShim"]),
    // Plain value types: frameworks, surveys, results. Knows nothing of Lua.
    .target(name: "SurveyModel"),
    // Reading survey definitions (YAML) and responses (CSV); writing files atomically.
    .target(name: "SurveyIO", dependencies: ["SurveyModel", "Yams"], swiftSettings: hotPathSettings),
    // Pure statistics: distributions, tests, effect sizes, streaming reliability. Foundation only.
    .target(name: "Statistics", swiftSettings: checkedOptimisedSettings),
    // Streaming per-team accumulators, declarative scoring, anonymity.
    // The one anonymity engine: decides every number any run may publish.
    .target(name: "Privacy", dependencies: ["SurveyModel"], swiftSettings: checkedOptimisedSettings),
    .target(name: "Scoring", dependencies: ["SurveyModel", "Statistics", "Privacy"], swiftSettings: hotPathSettings),
    // Team comparisons: baselines, Welch tests with Holm verdicts, index intervals, reliability.
    .target(name: "Comparison", dependencies: ["SurveyModel", "Scoring", "Statistics"]),
    // The organisation's units and how they nest (organisation files, team paths).
    .target(name: "Organisation", dependencies: ["SurveyModel", "SurveyIO", "Scoring", "Yams"]),
    // Key-driver analysis: correlations, Johnson's relative weights, bootstrap, priority quadrants.
    .target(name: "Drivers", dependencies: ["SurveyModel", "Scoring", "Statistics"]),
    // Lua framework plugins: discovery, contract validation, hooks.
    .target(name: "PluginHost", dependencies: ["LuaBridge", "SurveyModel", "Scoring"]),
    // Table, CSV and JSON renderers of results. Never sees Lua.
    .target(name: "Reports", dependencies: ["SurveyModel", "FormText"], swiftSettings: hotPathSettings),
    // The response store: SQLite through GRDB (surveys, waves, responses, answers, invitations).
    .target(
      name: "Store",
      dependencies: [
        "SurveyModel", "SurveyIO", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The shared response store on PostgreSQL (the same protocol and migrations as `Store`).
    .target(
      name: "StorePostgres",
      dependencies: [
        "Store", "SurveyModel", "SurveyIO", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // Reading survey-tool exports (CSV, Qualtrics, Google Forms, Microsoft Forms, SurveyMonkey).
    .target(
      name: "Importers",
      dependencies: ["SurveyModel", "SurveyIO", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    // The answering forms' own words in English, German, French and Spanish (Messages/*.json,
    // embedded in the binary at build time).
    .target(name: "FormText", resources: [.embedInCode("Messages")]),
    // Answering a survey in the terminal, item by item.
    .target(name: "TerminalForm", dependencies: ["SurveyModel", "FormText"]),
    // The web form respondents reach through invitation links (Hummingbird).
    .target(
      name: "WebForm",
      dependencies: [
        "SurveyModel", "Store", "FormText", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
      ]),
    // Use cases that wire the modules together (what each command does).
    .target(
      name: "CultivarKit",
      dependencies: [
        "SurveyModel", "SurveyIO", "Statistics", "Privacy", "Scoring", "Comparison", "Drivers", "Organisation", "LuaBridge", "PluginHost",
        "Reports", "Store", "Importers", "TerminalForm", "FormText",
      ]),
    // What only `cultivar-net` links: the PostgreSQL store and the web form's HTTP server.
    .target(name: "CultivarNet", dependencies: ["CultivarKit", "StorePostgres", "WebForm"]),
    // The command line: argument parsing only, shared by both executables.
    .target(
      name: "CultivarCommands",
      dependencies: [
        "CultivarKit", "LuaBridge", "SurveyModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // `cultivar`: every command, without the network parts; hands command lines that serve the
    // form or name a PostgreSQL store to `cultivar-net` (start-up and memory: docs/performance.md).
    .executableTarget(name: "cultivar", dependencies: ["CultivarCommands", "CultivarKit"], linkerSettings: staticRuntime + functionOrder),
    // The same commands with the network parts installed.
    .executableTarget(
      name: "cultivar-net", dependencies: ["CultivarCommands", "CultivarKit", "CultivarNet"],
      linkerSettings: staticRuntime + functionOrder),
    // The seeded mutation fuzzer of the input readers (`make fuzz`) and the CSV token dump
    // of the differential test against Python's csv module.
    .executableTarget(
      name: "CultivarFuzz",
      dependencies: [
        "SurveyIO", "SurveyModel", "Importers", "PluginHost", "LuaBridge", "Statistics",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge", "Statistics"]),
    .testTarget(name: "SurveyIOTests", dependencies: ["SurveyIO", "SurveyModel", "Statistics", "TestSupport"]),
    .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ComparisonTests", dependencies: ["Comparison", "Privacy", "Scoring", "Statistics", "SurveyModel"]),
    .testTarget(name: "OrganisationTests", dependencies: ["Organisation", "SurveyIO", "SurveyModel"]),
    .testTarget(name: "DriversTests", dependencies: ["Drivers", "Scoring", "Statistics", "SurveyModel"]),
    .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Privacy", "SurveyModel", "Statistics"]),
    .testTarget(name: "PluginHostTests", dependencies: ["PluginHost", "SurveyModel", "TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "SurveyModel"]),
    // The engine's rules, and an attacker that tries to recover withheld numbers from everything published.
    .testTarget(name: "PrivacyTests", dependencies: ["Privacy", "Scoring", "Comparison", "Reports", "SurveyModel", "Statistics"]),
    // What several test targets share (the store backends under test); not a test target itself.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(
      name: "StoreTests",
      dependencies: ["Store", "StorePostgres", "SurveyModel", "SurveyIO", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    // The export fixtures (Fixtures/) are read by path; scripts/generate_exports.py makes them.
    .testTarget(
      name: "ImportersTests",
      dependencies: ["Importers", "SurveyModel", "SurveyIO", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      exclude: ["Fixtures"]),
    .testTarget(name: "TerminalFormTests", dependencies: ["TerminalForm", "SurveyModel"]),
    // The form's message files complete in every language; language tags and Accept-Language.
    .testTarget(name: "FormTextTests", dependencies: ["FormText", "SurveyModel"]),
    .testTarget(
      name: "WebFormTests", dependencies: ["WebForm", "SurveyModel", .product(name: "Logging", package: "swift-log")]),
    // Runs the built binary end to end (GRDB to inspect the stores it writes). It runs
    // .build/debug/cultivar (built by `swift build --build-tests`) rather than linking the
    // executable's module, whose statically linked runtime cannot share a test bundle with XCTest's.
    .testTarget(name: "CLITests", dependencies: ["TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
  ]
)

// Cultivar's own modules put each function in a section of its own in release builds, so that
// the link order (`functionOrder`) can move it alone rather than with its whole file.
for target in package.targets where target.type == .regular || target.type == .executable {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))]
}
