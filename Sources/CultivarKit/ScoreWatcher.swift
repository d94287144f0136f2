import Foundation
import PluginHost
import SurveyModel

/// `cultivar score --watch`: scores once, then again whenever the survey file, the response
/// file or a plugin file changes (polling modification times). A plugin that stops loading
/// keeps its last good version, and its error is shown; any other error is shown and the
/// watcher waits for the next save.
public struct ScoreWatcher {
  public var job: ScoreJob
  /// How often files are polled.
  public var interval: Duration
  /// Receives each report (standard output).
  public var output: (String) -> Void

  public init(job: ScoreJob, interval: Duration = .milliseconds(250), output: @escaping (String) -> Void) {
    self.job = job
    self.interval = interval
    self.output = output
  }

  /// Watches until `shouldStop` returns true (by default, forever: stop with Ctrl-C).
  public func run(shouldStop: () -> Bool = { false }) {
    Self.allowInterrupts()
    let plugins = LastGoodPlugins(limits: job.workspace.limits)
    var last: FileSnapshot? = nil
    while !shouldStop() {
      let now = snapshot()
      guard now != last else {
        pause()
        continue
      }
      // Wait until the files stop changing (an editor may write in several steps).
      var settled = now
      for _ in 0..<8 {
        pause()
        let again = snapshot()
        if again == settled { break }
        settled = again
      }
      let changed = last.map { settled.changes(since: $0).map(job.workspace.display) } ?? []
      job.note("[\(Self.clock())] " + (changed.isEmpty ? "scoring" : "re-scoring: \(changed.joined(separator: ", ")) changed"))
      scoreOnce(plugins)
      job.note("watching \(Counted.phrase(settled.stamps.count, "file")) for changes (Ctrl-C to stop)")
      last = settled
    }
  }

  private func scoreOnce(_ plugins: LastGoodPlugins) {
    plugins.beginRun()
    let workspace = job.workspace
    let catalog = PluginCatalog(
      directories: workspace.pluginFolders(surveyFile: job.surveyPath), workingDirectory: workspace.workingDirectory,
      limits: workspace.limits, load: plugins.load)
    for (file, errors) in plugins.checks {
      for error in errors { job.note("check: " + error.description) }
      job.note("  (\(file) loads, but a hook fails on made-up data as 'cultivar plugins check' runs it: fix it before it meets such a team)")
    }
    for (file, error) in plugins.kept {
      job.note(error.description)
      job.note("  (still using the last good version of \(file): fix the file and save it again)")
    }
    do {
      if let text = try job.run(catalog: catalog) {
        output(text)
      } else if let out = job.outputPath {
        job.note("wrote \(job.workspace.display(out))")
      }
    } catch {
      job.note(String(describing: error))
    }
  }

  private func snapshot() -> FileSnapshot {
    FileSnapshot(files: [job.surveyPath, job.responsesPath], folders: job.workspace.pluginFolders(surveyFile: job.surveyPath))
  }

  private func pause() {
    let parts = interval.components
    Thread.sleep(forTimeInterval: Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
  }

  /// Ctrl-C and `kill` must stop the watcher even when it was started with those signals
  /// blocked (a parent's blocked signals are inherited).
  private static func allowInterrupts() {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  private static func clock() -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "HH:mm:ss"
    return formatter.string(from: Date())
  }
}
