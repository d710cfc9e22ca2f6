package org.custody.deploy.cli;

import picocli.CommandLine;

/**
 * The operator commands of the launcher jar ({@code java -jar custody.jar export ...}): each talks
 * to a running suite over gRPC as caller {@code operator}, with a token or a client certificate
 * ({@link Connection}), prints text or, with {@code --json}, one JSON object per line, and exits
 * with the statuses of {@link ExitCodes}.
 */
public final class OperatorCli {
  private OperatorCli() {}

  /** Adds the operator commands to the launcher's command line. */
  public static CommandLine addTo(CommandLine launcher) {
    launcher.addSubcommand(new CommandLine(new SubjectCommands.Export()))
        .addSubcommand(new CommandLine(new SubjectCommands.Erase()))
        .addSubcommand(new CommandLine(new SubjectCommands.ErasureGroup()))
        .addSubcommand(new CommandLine(new RegistryCommands.Disclosures()))
        .addSubcommand(new CommandLine(new LedgerCommands()))
        .addSubcommand(new CommandLine(new KeyCommands()))
        .addSubcommand(new CommandLine(new RegistryCommands.Policy()))
        .addSubcommand(new CommandLine(new RegistryCommands.Recipients()));
    launcher.setExecutionExceptionHandler(new ExitCodes());
    return launcher;
  }
}
