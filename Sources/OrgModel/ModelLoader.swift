import OrgDiagnostics
import OrgYAML

/// One model read from its files: the model, what the loader reported,
/// whether any file was not well-formed YAML, and the proposal files found
/// among them (checked on their own base, never merged).
public struct LoadedModel: Sendable {
  public var model: Model
  public var diagnostics: [Diagnostic]
  public var hasSyntaxError: Bool
  public var proposals: [String]
  /// Seconds spent parsing and building the model.
  public var times: StageTimes

  public init(
    model: Model, diagnostics: [Diagnostic], hasSyntaxError: Bool, proposals: [String], times: StageTimes = StageTimes()
  ) {
    self.model = model
    self.diagnostics = diagnostics
    self.hasSyntaxError = hasSyntaxError
    self.proposals = proposals
    self.times = times
  }
}

/// Reads models from the file system.
public enum ModelLoader {
  /// The configuration file, never part of a model.
  public static let configFileName = ".orglint.yml"

  /// Reads, parses and builds one model from `files`, in that order. The
  /// files are read into units side by side on all cores; merging them keeps
  /// the order of `files`, and `SourceRef.file` is a file's place in it.
  public static func load(_ files: [String]) throws(FileError) -> LoadedModel {
    var times = StageTimes()
    // Fewer files than cores leave a core for each file's libyaml.
    let pipelined = files.count < processorCount
    var results = times.measure("read") {
      parallelMap(Array(files.enumerated())) { readFile($1, fileIndex: UInt32($0), pipelined: pipelined) }
    }
    var diagnostics: [Diagnostic] = []
    var hasSyntaxError = false
    var proposals: [String] = []
    let (model, loaderDiagnostics) = try times.measure("model") { () throws(FileError) in
      var parts: [ModelPart] = []
      // Each part is taken out of `results`, so that the model holds the
      // only reference to its units and resolving them copies nothing.
      results.reverse()
      for file in files {
        switch results.removeLast() {
        case .unreadable(let error): throw error
        case .malformed(let diagnostic):
          diagnostics.append(diagnostic)
          hasSyntaxError = true
          parts.append(ModelPart(file: file))
        case .proposal:
          proposals.append(file)
          parts.append(ModelPart(file: file))
        case .read(let part): parts.append(part)
        }
      }
      var builder = ModelBuilder()
      builder.add(consume parts)
      return builder.finish()
    }
    return LoadedModel(
      model: model, diagnostics: diagnostics + loaderDiagnostics, hasSyntaxError: hasSyntaxError,
      proposals: proposals, times: times)
  }

  enum FileResult {
    case read(ModelPart)
    case proposal
    case malformed(Diagnostic)
    case unreadable(FileError)
  }

  /// One file's units. A valid file is read straight from its events; any
  /// other is parsed into its located tree, which reports what is wrong.
  static func readFile(_ file: String, fileIndex: UInt32, pipelined: Bool) -> FileResult {
    let bytes: [UInt8]
    do { bytes = try Files.read(file) } catch { return .unreadable(error) }
    // A thread is worth starting for a large file only.
    let pipelined = pipelined && bytes.count >= 1 << 20
    if let part = StreamingReader.part(of: bytes, file: file, fileIndex: fileIndex, pipelined: pipelined) {
      return .read(part)
    }
    let tree: YAMLTree
    // The bytes are not needed once parsed: a large file's units are read
    // from the tree without them.
    do { tree = try YAMLParser.parse(consume bytes, file: file) } catch { return .malformed(error.diagnostic) }
    if ModelBuilder.isProposal(tree) { return .proposal }
    return .read(ModelBuilder.part(of: tree, fileIndex: fileIndex))
  }

  /// The organisation files of a directory model: every `*.yaml`/`*.yml`
  /// below it in sorted path order, without the config file, as paths that
  /// start with `directory` (or bare, for ".").
  public static func files(inDirectory directory: String) throws(FileError) -> [String] {
    try Files.yamlFiles(below: directory)
      .filter { Files.name(of: $0) != configFileName }
      .map { Files.join(directory, $0) }
  }
}
