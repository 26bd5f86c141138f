package io.kspipeline.schemas.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * State in a directory, shared by every process on the machine that opens it (producers and jobs of
 * a local run agree on schema ids). A file lock serializes writers across processes; the state file
 * is replaced atomically so readers never see half a write.
 */
final class DirectorySchemaStore implements SchemaStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path stateFile;
  private final Path lockFile;

  DirectorySchemaStore(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create schema registry directory " + directory, e);
    }
    this.stateFile = directory.resolve("registry.json");
    this.lockFile = directory.resolve("registry.lock");
  }

  @Override
  public synchronized <T> T update(Function<RegistryState, T> operation) {
    return locked(
        () -> {
          RegistryState state = load();
          T result = operation.apply(state);
          save(state);
          return result;
        });
  }

  @Override
  public synchronized <T> T read(Function<RegistryState, T> operation) {
    return locked(() -> operation.apply(load()));
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  /** Exclusive even for reads: a reader must not load the state file while a writer replaces it. */
  private <T> T locked(IoAction<T> action) {
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("schema registry store " + stateFile + " failed", e);
    }
  }

  private RegistryState load() throws IOException {
    if (!Files.exists(stateFile)) {
      return new RegistryState();
    }
    return JSON.readValue(stateFile.toFile(), RegistryState.class);
  }

  private void save(RegistryState state) throws IOException {
    Path temp = Files.createTempFile(stateFile.getParent(), "registry", ".json.tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), state);
    Files.move(
        temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
