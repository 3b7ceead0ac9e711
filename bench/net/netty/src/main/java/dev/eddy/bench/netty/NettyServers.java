package dev.eddy.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The Netty comparator of bench/net.sh: the same minimal jobs as Eddy's, on ONE NIO event-loop
 * thread that both accepts and serves. Usage: {@code NettyServers {http|echo} PORT} (127.0.0.1).
 */
public final class NettyServers {
    private static final ByteBuf RESPONSE = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
            ("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/plain\r\n"
                    + "Content-Length: 13\r\n"
                    + "\r\n"
                    + "Hello, World!").getBytes(StandardCharsets.US_ASCII)));

    private NettyServers() {}

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group, group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(switch (mode) {
                                case "http" -> new Hello();
                                case "echo" -> new Echo();
                                default -> throw new IllegalArgumentException("unknown mode " + mode);
                            });
                        }
                    });
            bootstrap.bind("127.0.0.1", port).sync();
            System.out.println("listening");
            System.out.flush();
            Thread.currentThread().join();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Answers each complete request head (ends with CRLFCRLF) with the fixed response; flushes once per read batch. */
    static final class Hello extends ChannelInboundHandlerAdapter {
        /** How much of CRLFCRLF the bytes so far end with: 0 to 3. */
        private int matched;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            int state = matched;
            int requests = 0;
            try {
                for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                    byte b = in.getByte(i);
                    if (b == '\r') {
                        state = state == 2 ? 3 : 1;
                    } else if (b == '\n' && (state == 1 || state == 3)) {
                        if (state == 3) {
                            requests++;
                            state = 0;
                        } else {
                            state = 2;
                        }
                    } else {
                        state = 0;
                    }
                }
            } finally {
                in.release();
            }
            matched = state;
            for (int r = 0; r < requests; r++) {
                ctx.write(RESPONSE.duplicate(), ctx.voidPromise());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Writes back what it reads; flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
