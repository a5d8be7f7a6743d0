package org.cnngrader.runner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the child JVM: {@code ChildMain SOCKET CLASS}. It talks to the parent over a Unix
 * domain socket, never over stdout, so that whatever the student's code prints (even to the raw
 * file descriptor) cannot corrupt or forge a result. It receives inputs only; expected values never
 * leave the parent.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ChildMain SOCKET CLASS");
      System.exit(2);
    }
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(args[0]));
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(address);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
      serve(StudentLayer.find(args[1], ClassLoader.getSystemClassLoader()), in, out);
    } finally {
      // However the conversation ends (QUIT, or the parent gone), student threads that never end
      // must not keep the child alive.
      Runtime.getRuntime().halt(0);
    }
  }

  static void serve(StudentLayer layer, DataInputStream in, DataOutputStream out)
      throws IOException {
    writeContract(layer.problems(), out);
    out.flush();
    while (in.readByte() == Protocol.RUN_CASE) {
      new CaseCall(layer, CaseCall.Inputs.read(in)).run(out);
    }
  }

  private static void writeContract(Map<Member, String> problems, DataOutputStream out)
      throws IOException {
    out.writeInt(problems.size());
    for (Map.Entry<Member, String> problem : problems.entrySet()) {
      out.writeByte(problem.getKey().code());
      Wire.writeString(out, problem.getValue());
    }
  }
}
