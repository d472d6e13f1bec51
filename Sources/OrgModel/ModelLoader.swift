import Foundation
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

/// A file that cannot be read at all.
public struct FileError: Error, Sendable {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
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
    let pipelined = files.count < ProcessInfo.processInfo.activeProcessorCount
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
    do { bytes = try read(file) } catch { return .unreadable(error) }
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

  /// The bytes of a file; a missing or unreadable file is a `FileError`.
  public static func read(_ path: String) throws(FileError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FileError(path: path, message: "no such file or directory")
    }
    guard !isDirectory.boolValue else { throw FileError(path: path, message: "is a directory") }
    guard let bytes = readWhole(path) else { throw FileError(path: path, message: "cannot be read") }
    return bytes
  }

  /// The bytes of a file, read into the array itself (through `Data`, a
  /// large file would be copied once more) and to its end, whatever its
  /// size said: a pipe, or a file that grows, is read whole.
  private static func readWhole(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    let expected = fstat(descriptor, &status) == 0 ? max(0, Int(status.st_size)) : 0
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
      while count < expected {
        let got = Foundation.read(descriptor, buffer.baseAddress! + count, expected - count)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failed = got < 0
          break
        }
        count += got
      }
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while !failed {
      let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 {
        failed = got < 0
        break
      }
      bytes.append(contentsOf: chunk[..<got])
    }
    return failed ? nil : bytes
  }

  /// The organisation files of a directory model: every `*.yaml`/`*.yml`
  /// below it in sorted path order, without the config file, as paths that
  /// start with `directory` (or bare, for ".").
  public static func files(inDirectory directory: String) -> [String] {
    yamlFiles(below: URL(fileURLWithPath: directory))
      .filter { ($0 as NSString).lastPathComponent != configFileName }
      .map { join(directory, $0) }
  }

  /// A path below a folder, as the user would write it ("dir/x.yaml", not "./dir/x.yaml").
  public static func join(_ directory: String, _ relative: String) -> String {
    if directory == "." || directory == "./" || directory.isEmpty { return relative }
    return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  /// Relative paths of the YAML files below a folder, sorted; folders whose
  /// name starts with a dot are skipped.
  public static func yamlFiles(below root: URL) -> [String] {
    var files: [String] = []
    collectYAMLFiles(in: root.path, relativePath: "", into: &files)
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// One folder's YAML files and, depth first, its folders'. Plain POSIX
  /// calls: Foundation's resource values look up the names of each file's
  /// owner and group, reading /etc/passwd and /etc/group once per file.
  private static func collectYAMLFiles(in folder: String, relativePath: String, into files: inout [String]) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      guard name != ".", name != ".." else { continue }
      let path = prefix + name
      let relative = relativePath.isEmpty ? name : relativePath + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0 else { continue }
      let isYAML = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        if !name.hasPrefix(".") { collectYAMLFiles(in: path, relativePath: relative, into: &files) }
      case S_IFREG:
        if isYAML { files.append(relative) }
      case S_IFLNK:
        // A file reached through a symbolic link counts (a dangling one then
        // fails to read, loudly); linked folders are not entered, so a link
        // loop cannot trap the walk.
        var target = stat()
        let isFolder = stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
        if isYAML && !isFolder { files.append(relative) }
      default:
        continue
      }
    }
  }
}
