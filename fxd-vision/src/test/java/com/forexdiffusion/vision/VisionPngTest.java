package com.forexdiffusion.vision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory PNG of a view holds the same pixels as the file that {@code fxd vision} writes. */
class VisionPngTest {
    @TempDir
    Path dir;

    @Test
    void bytesAndFilesAgreePixelForPixel() throws Exception {
        int h = 12, w = 10;
        float[] img = new float[3 * h * w];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextDouble();
        }
        VisionPng.write(img, 0, h, w, dir);
        for (int view = 0; view < 4; view++) {
            BufferedImage mem = ImageIO.read(new ByteArrayInputStream(VisionPng.png(img, 0, h, w, view)));
            BufferedImage file = ImageIO.read(dir.resolve(VisionPng.FILES.get(view)).toFile());
            assertThat(mem.getWidth()).isEqualTo(w);
            assertThat(mem.getHeight()).isEqualTo(h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(mem.getRGB(x, y)).isEqualTo(file.getRGB(x, y));
                }
            }
        }
        assertThat(ImageIO.read(new ByteArrayInputStream(VisionPng.png(img, 0, h, w, 1))).getRaster()
                .getSample(3, 2, 0)).isEqualTo(VisionPng.toByte(img[h * w + 2 * w + 3]));
        assertThatThrownBy(() -> VisionPng.png(img, 0, h, w, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
