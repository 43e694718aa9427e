// One-off, same JVM, same inputs: the old regex check of index symbols against IndexSymbol.isValid (a loop).
// usage: java -cp app/target/ticklake.jar bench/SymbolCheck.java
import io.ticklake.data.IndexSymbol;
import java.util.regex.Pattern;
public class SymbolCheck {
  public static void main(String[] a) {
    String[] s = {"NYA","IXIC","HSI","N225","GDAXI","N100","SSMI","NSEI","000001.SS","399001.SZ","GSPTSE","J203.JO"};
    Pattern p = IndexSymbol.PATTERN; long n = 20_000_000; int ok = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime(); for (long i = 0; i < n; i++) if (p.matcher(s[(int)(i % s.length)]).matches()) ok++;
      long t1 = System.nanoTime(); for (long i = 0; i < n; i++) if (IndexSymbol.isValid(s[(int)(i % s.length)])) ok++;
      long t2 = System.nanoTime();
      System.out.printf("round %d: regex %.1f ns/check, loop %.1f ns/check, speedup x%.1f (%d)%n", round, (t1-t0)/(double)n, (t2-t1)/(double)n, (t1-t0)/(double)(t2-t1), ok);
    }
  }
}
