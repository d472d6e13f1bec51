import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgYAML

/// An example of a rule that did not behave as it says.
public struct ExampleFailure: Error, Sendable {
  public var rule: String
  public var message: String
  public var location: Location
}

extension Rule {
  /// Runs the rule's own examples, as SwiftLint runs its rules' triggering and
  /// non-triggering examples: each triggering example must be reported (at
  /// the listed units, when it lists them), each non-triggering one must not,
  /// and an example that is itself broken fails. `companions` are the rules
  /// an intrinsic rule needs beside it (unused-suppression needs the rules
  /// that suppressions name).
  public func testExamples(companions: [Rule] = []) -> [ExampleFailure] {
    examples.flatMap { testExample($0, companions: companions) }
  }

  private func testExample(_ example: RuleExample, companions: [Rule]) -> [ExampleFailure] {
    var diagnostics: [Diagnostic] = []
    var builder = ModelBuilder()
    switch example.content {
    case .source(let text):
      do {
        builder.add(
          try YAMLParser.parse(Array(text.utf8), file: "\(location.file) (example at line \(example.location.line))"))
      } catch {
        diagnostics.append(error.diagnostic)
      }
    case .organisation(let tree, let node, _):
      builder.add(tree, document: node, extraKeys: RuleExample.extraKeys)
    }
    let (model, loaderDiagnostics) = builder.finish()
    diagnostics += loaderDiagnostics
    let rules = isIntrinsic ? companions.filter { $0.id != id } + [self] : [self]
    do {
      if case .organisation(let tree, _, let changes?) = example.content {
        var reader = ProposalReader(tree: tree, fileIndex: UInt32(model.files.count))
        let proposal = Proposal(
          file: tree.file, base: IDRef("", example.location), basePath: "", changes: reader.readChanges(changes))
        let loaded = LoadedProposal(
          applied: Applier.apply(proposal, to: model), baseDiagnostics: [], proposalDiagnostics: reader.diagnostics,
          hasSyntaxError: false)
        diagnostics += try ProposalCheck.run(loaded, rules: rules, knownRuleIDs: Set(rules.map(\.id)))
      } else {
        diagnostics += try Engine.run(rules, on: model, knownRuleIDs: Set(rules.map(\.id)))
      }
    } catch {
      return [
        ExampleFailure(rule: id, message: "the example stops the rule: \(error.message)", location: error.location)
      ]
    }
    let mine = diagnostics.filter { $0.rule == id }
    var failures: [ExampleFailure] = []
    func fail(_ message: String) {
      failures.append(ExampleFailure(rule: id, message: message, location: example.location))
    }
    if !isIntrinsic,
      let broken = diagnostics.first(where: {
        $0.rule == LoaderRule.invalidDocument || $0.rule == LoaderRule.yamlSyntax
      })
    {
      fail("the example is not a valid organisation: \(broken.location): \(broken.message)")
    }
    if example.triggers {
      if mine.isEmpty {
        fail("this triggering example is not reported by '\(id)'")
      } else if let expected = example.expectedUnits {
        let reported = Set(mine.compactMap(\.unit))
        if reported != Set(expected) {
          fail("expected '\(id)' on \(expected.sorted()), got \(reported.sorted())")
        }
      }
    } else if let first = mine.first {
      fail("this non-triggering example is reported: \(first.location): \(first.message)")
    }
    return failures
  }
}
