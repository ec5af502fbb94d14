package org.ddrm.eval.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ddrm suite --workers N}: starts N worker processes of this same JVM command, each a plain
 * cooperating suite runner with the machine's cores divided among them ({@code tf.*_threads}),
 * prints their output with a {@code [wK]} prefix, and waits for all of them.
 */
public final class WorkerPool {
  private final List<String> jvm;
  private final Path workingDirectory;
  private final PrintStream out;

  /**
   * @param jvm this JVM's command up to its main module (relaunched with other arguments)
   * @param workingDirectory where workers start
   * @param out where their output goes
   */
  public WorkerPool(List<String> jvm, Path workingDirectory, PrintStream out) {
    this.jvm = List.copyOf(jvm);
    this.workingDirectory = workingDirectory;
    this.out = out;
  }

  /**
   * This JVM's command line up to and including its main module ({@code -m module/class}), read
   * from the operating system.
   */
  public static List<String> currentJvm() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    List<String> arguments = info.arguments().map(List::of).orElse(List.of());
    int main = Math.max(arguments.indexOf("-m"), arguments.indexOf("--module"));
    if (info.command().isEmpty() || main < 0 || main + 1 >= arguments.size()) {
      throw new IllegalStateException("cannot read this JVM's command line to start workers"
          + " (start ddrm through bin/ddrm)");
    }
    List<String> command = new ArrayList<>();
    command.add(info.command().get());
    command.addAll(arguments.subList(0, main + 2));
    return command;
  }

  /** The threads each of {@code workers} workers gets on this machine. */
  public static int threadsPerWorker(int workers) {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
  }

  /**
   * Runs {@code workers} workers with the given {@code suite} arguments; returns how many exited
   * with a non-zero code.
   */
  public int run(int workers, List<String> suiteArguments) {
    int threads = threadsPerWorker(workers);
    out.printf(Locale.ROOT, "starting %d workers, %d TF threads each%n", workers, threads);
    List<Process> processes = new ArrayList<>();
    List<Thread> pumps = new ArrayList<>();
    for (int k = 1; k <= workers; k++) {
      List<String> command = new ArrayList<>(jvm);
      command.add("suite");
      command.addAll(suiteArguments);
      command.add("--no-report");
      command.addAll(SuiteInvocation.threadOverrides(threads));
      try {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
            .redirectErrorStream(true).start();
        processes.add(process);
        out.printf(Locale.ROOT, "[w%d] pid %d%n", k, process.pid());
        pumps.add(pump(process, "[w" + k + "] "));
      } catch (IOException e) {
        processes.forEach(Process::destroy);
        throw new UncheckedIOException("cannot start worker " + k + ": " + e.getMessage(), e);
      }
    }
    Thread stopWorkers = new Thread(() -> processes.forEach(Process::destroy));
    Runtime.getRuntime().addShutdownHook(stopWorkers);
    int failed = 0;
    for (int k = 0; k < processes.size(); k++) {
      try {
        int code = processes.get(k).waitFor();
        pumps.get(k).join();
        if (code != 0) {
          failed++;
          out.printf(Locale.ROOT, "[w%d] exited with code %d%n", k + 1, code);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        processes.forEach(Process::destroy);
        throw new IllegalStateException("interrupted while waiting for the workers", e);
      }
    }
    Runtime.getRuntime().removeShutdownHook(stopWorkers);
    return failed;
  }

  private Thread pump(Process process, String prefix) {
    Thread thread = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (out) {
            out.println(prefix + line);
          }
        }
      } catch (IOException e) {
        synchronized (out) {
          out.println(prefix + "(output lost: " + e.getMessage() + ")");
        }
      }
    }, prefix.trim());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
