package io.ticklake.sink.lake;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet files in memory, with no Hadoop file system: lake objects come from and go to an
 * {@code ObjectStore} as byte arrays (the encoder writes one, the compactor reads and writes them).
 */
public final class MemoryFiles {
    private MemoryFiles() {
    }

    /** An {@link InputFile} over {@code bytes}. */
    public static InputFile input(final byte[] bytes) {
        return new InputFile() {
            @Override
            public long getLength() {
                return bytes.length;
            }

            @Override
            public SeekableInputStream newStream() {
                final Positioned in = new Positioned(bytes);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() {
                        return in.position();
                    }

                    @Override
                    public void seek(final long newPos) {
                        in.seekTo((int) newPos);
                    }
                };
            }
        };
    }

    private static final class Positioned extends ByteArrayInputStream {
        Positioned(final byte[] b) {
            super(b);
        }

        int position() {
            return pos;
        }

        void seekTo(final int p) {
            pos = p;
        }
    }

    /** An {@link OutputFile} backed by a growable byte array. */
    public static final class Output implements OutputFile {
        private byte[] buf;
        private int len;

        /** An empty file with room for {@code initial} bytes (at least 1 KiB) before it grows. */
        public Output(final int initial) {
            buf = new byte[Math.max(1024, initial)];
        }

        /** The bytes written. */
        public byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        @Override
        public PositionOutputStream create(final long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(final long blockSizeHint) {
            len = 0;
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return len;
                }

                @Override
                public void write(final int b) {
                    ensure(1);
                    buf[len++] = (byte) b;
                }

                @Override
                public void write(final byte[] b, final int off, final int n) {
                    ensure(n);
                    System.arraycopy(b, off, buf, len, n);
                    len += n;
                }
            };
        }

        private void ensure(final int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }
    }
}
