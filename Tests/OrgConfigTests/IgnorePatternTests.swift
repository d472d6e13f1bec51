import OrgConfig
import Testing

@Suite struct IgnorePatternTests {
  private func ignores(_ pattern: String, _ path: String) -> Bool {
    IgnorePattern(pattern)!.matches(path)
  }

  @Test func aNameWithoutSlashMatchesAtAnyDepth() {
    #expect(ignores("drafts", "drafts/a.yaml"))
    #expect(ignores("drafts", "org/drafts/a.yaml"))
    #expect(ignores("*.draft.yaml", "org/x.draft.yaml"))
    #expect(!ignores("*.draft.yaml", "org/x.yaml"))
    #expect(!ignores("draft", "org/drafts/a.yaml"))
  }

  @Test func aPatternWithSlashIsAnchoredAtTheConfigFolder() {
    #expect(ignores("archive/*.yaml", "archive/old.yaml"))
    #expect(!ignores("archive/*.yaml", "org/archive/old.yaml"))
    #expect(!ignores("archive/*.yaml", "archive/2019/old.yaml"))
    #expect(ignores("/archive", "archive/2019/old.yaml"))
    #expect(ignores("./archive", "archive/2019/old.yaml"))
  }

  @Test func doubleStarSpansFolders() {
    #expect(ignores("archive/**", "archive/2019/old.yaml"))
    #expect(ignores("**/old.yaml", "old.yaml"))
    #expect(ignores("**/old.yaml", "a/b/c/old.yaml"))
    #expect(ignores("a/**/x.yaml", "a/x.yaml"))
    #expect(ignores("a/**/x.yaml", "a/b/c/x.yaml"))
    #expect(!ignores("a/**/x.yaml", "b/a/x.yaml"))
  }

  @Test func aTrailingSlashMatchesFoldersOnly() {
    #expect(ignores("drafts/", "drafts/a.yaml"))
    #expect(!ignores("a.yaml/", "a.yaml"))
  }

  @Test func wildcardsStayWithinOneSegment() {
    #expect(ignores("org-?.yaml", "org-1.yaml"))
    #expect(!ignores("org-?.yaml", "org-12.yaml"))
    #expect(ignores("o*g*.yaml", "organisation.yaml"))
    #expect(!ignores("o*x", "organisation.yaml"))
  }

  @Test func emptyPatternsAreRefused() {
    #expect(IgnorePattern("") == nil)
    #expect(IgnorePattern("/") == nil)
  }
}
