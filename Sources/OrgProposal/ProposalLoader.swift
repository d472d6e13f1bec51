import OrgDiagnostics
import OrgModel
import OrgYAML

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A proposal read, its base loaded, and its changes applied.
public struct LoadedProposal: Sendable {
  public var applied: AppliedProposal
  /// What the loader reported in the base's files and in the proposal file.
  public var baseDiagnostics: [Diagnostic]
  public var proposalDiagnostics: [Diagnostic]
  /// Any file involved was not well-formed YAML (exit 2).
  public var hasSyntaxError: Bool

  public init(
    applied: AppliedProposal, baseDiagnostics: [Diagnostic], proposalDiagnostics: [Diagnostic], hasSyntaxError: Bool
  ) {
    self.applied = applied
    self.baseDiagnostics = baseDiagnostics
    self.proposalDiagnostics = proposalDiagnostics
    self.hasSyntaxError = hasSyntaxError
  }
}

/// Why a proposal could not be checked at all.
public enum ProposalLoadFailure: Error, Sendable {
  /// The proposal file is not well-formed YAML: reported like any finding.
  case syntax(Diagnostic)
  /// The base is missing, unreadable, empty, or refers back to the proposal.
  case cannotLoad(message: String, location: Location)
}

public enum ProposalLoader {
  /// Loads the proposal at `path` (as the user gave it), its base (a file, a
  /// directory, or another proposal, relative to the proposal file), and
  /// applies it.
  public static func load(_ path: String) throws(ProposalLoadFailure) -> LoadedProposal {
    try load(path, chain: [])
  }

  static func load(_ path: String, chain: [String]) throws(ProposalLoadFailure) -> LoadedProposal {
    let tree = try parse(path)
    guard let baseRef = ProposalReader.baseReference(in: tree) else {
      // Without a base nothing can be applied; the reader says what is wrong.
      var reader = ProposalReader(tree: tree, fileIndex: 0)
      _ = reader.read(basePath: "")
      let first = reader.diagnostics.first
      throw .cannotLoad(
        message: first?.message ?? "a proposal needs 'base', the organisation it changes",
        location: first?.location ?? Location(file: path, line: 1, column: 1))
    }
    let basePath = resolve(baseRef.id, relativeTo: path)
    let identity = canonical(path)
    if chain.contains(identity) || canonical(basePath) == identity {
      throw .cannotLoad(
        message: "the base '\(baseRef.id)' leads back to this proposal; a proposal cannot be its own base",
        location: baseRef.location)
    }
    let base = try loadBase(basePath, reference: baseRef, chain: chain + [identity])
    var reader = ProposalReader(tree: tree, fileIndex: UInt32(base.model.files.count))
    let proposal = reader.read(basePath: basePath)
    let applied = Applier.apply(proposal, to: base.model)
    return LoadedProposal(
      applied: applied, baseDiagnostics: base.diagnostics, proposalDiagnostics: reader.diagnostics,
      hasSyntaxError: base.hasSyntaxError)
  }

  private static func parse(_ path: String) throws(ProposalLoadFailure) -> YAMLTree {
    let bytes: [UInt8]
    do {
      bytes = try Files.read(path)
    } catch {
      throw .cannotLoad(message: error.message, location: Location(file: path, line: 1, column: 1))
    }
    do {
      return try YAMLParser.parse(bytes, file: path)
    } catch {
      throw .syntax(error.diagnostic)
    }
  }

  /// The base model: a directory or file model, or the result of another proposal.
  private static func loadBase(_ path: String, reference: IDRef, chain: [String]) throws(ProposalLoadFailure)
    -> LoadedModel
  {
    guard let kind = Files.kind(of: path) else {
      throw .cannotLoad(
        message: "the base '\(reference.id)' does not exist (looked for \(path))", location: reference.location)
    }
    var loaded: LoadedModel
    do {
      loaded = try ModelLoader.load(kind == .folder ? ModelLoader.files(inDirectory: path) : [path])
    } catch {
      throw .cannotLoad(
        message: "the base cannot be read: \(error.path) \(error.message)", location: reference.location)
    }
    if kind == .file && loaded.proposals == [path] {
      // Decisions in sequence: the base is another proposal's result.
      let previous = try load(path, chain: chain)
      loaded = LoadedModel(
        model: previous.applied.after, diagnostics: previous.baseDiagnostics,
        hasSyntaxError: previous.hasSyntaxError, proposals: [])
    }
    if loaded.model.units.isEmpty && !loaded.hasSyntaxError {
      throw .cannotLoad(message: "the base '\(reference.id)' holds no unit", location: reference.location)
    }
    return loaded
  }

  /// `base` relative to the folder of the proposal file, normalised but kept
  /// relative when both were relative, as the user would write it.
  static func resolve(_ base: String, relativeTo proposal: String) -> String {
    if base.hasPrefix("/") { return normalise(base) }
    let folder = Files.folder(of: proposal)
    return normalise(folder.isEmpty ? base : folder + "/" + base)
  }

  static func normalise(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
  }

  private static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
  }
}
