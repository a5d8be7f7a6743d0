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
 * Entry point of the child JVM: {@code ChildMain SOCKET CLASS CLASSES}. It talks to the parent over
 * a Unix domain socket, never over stdout, so that whatever the student's code prints (even to the
 * raw file descriptor) cannot corrupt or forge a result. It receives inputs only; expected values
 * never leave the parent. The student's classes come from the folder CLASSES, which is not on the
 * class path: each case loads them afresh.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ChildMain SOCKET CLASS CLASSES");
      System.exit(2);
    }
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(Path.of(args[0]));
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(address);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
      Replies replies =
          new Replies(
              new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
      ExitWatch exitWatch = new ExitWatch(replies);
      exitWatch.install();
      OutputMarks marks = new OutputMarks();
      serve(new StudentClasses(Path.of(args[2]), args[1]), in, replies, exitWatch, marks);
    } finally {
      // However the conversation ends (QUIT, or the parent gone), student threads that never end
      // must not keep the child alive.
      Runtime.getRuntime().halt(0);
    }
  }

  static void serve(
      StudentClasses classes,
      DataInputStream in,
      Replies replies,
      ExitWatch exitWatch,
      OutputMarks marks)
      throws IOException {
    try (StudentClasses.Loaded first = classes.load()) {
      Map<Member, String> problems = first.layer().problems();
      replies.send(out -> writeContract(problems, out));
    }
    while (true) {
      byte tag = in.readByte();
      if (tag == Protocol.RUN_CASE) {
        CaseCall.Inputs inputs = CaseCall.Inputs.read(in);
        try (StudentClasses.Loaded loaded = classes.load()) {
          new CaseCall(loaded.layer(), inputs, exitWatch).run(replies);
        }
      } else if (tag == Protocol.GRADIENT_CHECK) {
        CaseCall.Inputs inputs = CaseCall.Inputs.read(in);
        try (StudentClasses.Loaded loaded = classes.load()) {
          checkGradients(loaded.layer(), inputs, replies, exitWatch);
        }
      } else if (tag == Protocol.SECTION) {
        marks.write(Wire.readString(in));
        replies.send(out -> out.writeByte(Protocol.SECTION_MARKED));
      } else {
        return;
      }
    }
  }

  private static void checkGradients(
      StudentLayer layer, CaseCall.Inputs inputs, Replies replies, ExitWatch exitWatch)
      throws IOException {
    if (!layer.has(Member.CONSTRUCTOR)
        || !layer.has(Member.FORWARD)
        || !layer.has(Member.BACKWARD)) {
      replies.send(out -> CaseCall.unavailable(out, Member.BACKWARD));
      return;
    }
    GradientProbe.Gradients found;
    // An exit during the check is reported as one during forward, which the check calls most.
    exitWatch.calling(Member.FORWARD);
    try {
      found = new GradientProbe(layer, inputs).run();
    } catch (Throwable t) {
      exitWatch.calling(null);
      replies.send(out -> CaseCall.threw(out, t));
      return;
    }
    exitWatch.calling(null);
    replies.send(
        out -> {
          out.writeByte(Protocol.RETURNED);
          out.writeBoolean(found.analytic() != null);
          if (found.analytic() != null) {
            Wire.writeArray(out, found.analytic()[0], 4);
            Wire.writeArray(out, found.analytic()[1], 4);
            Wire.writeArray(out, found.analytic()[2], 1);
          }
          Wire.writeArray(out, found.dx(), 4);
          Wire.writeArray(out, found.dw(), 4);
          Wire.writeArray(out, found.db(), 1);
        });
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
