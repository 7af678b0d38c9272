package com.forexdiffusion.vision;

import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.FxdException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes an encoded window as PNGs: each view in grey (seg.png, gaf.png, rp.png) and the RGB composite. */
public final class VisionPng {
    public static final List<String> FILES = List.of("seg.png", "gaf.png", "rp.png", "rgb.png");

    private VisionPng() {
    }

    /** Writes the four files into {@code dir}, each through a temporary file and an atomic move. */
    public static void write(float[] image, int offset, int height, int width, Path dir) {
        try {
            Files.createDirectories(dir);
            int plane = height * width;
            for (int c = 0; c < 3; c++) {
                BufferedImage g = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int v = toByte(image[offset + c * plane + y * width + x]);
                        g.getRaster().setSample(x, y, 0, v);
                    }
                }
                save(g, dir.resolve(FILES.get(c)));
            }
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = offset + y * width + x;
                    rgb.setRGB(x, y, toByte(image[i]) << 16 | toByte(image[i + plane]) << 8 | toByte(image[i + 2 * plane]));
                }
            }
            save(rgb, dir.resolve(FILES.get(3)));
        } catch (IOException e) {
            throw new FxdException("cannot write PNGs to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One view as PNG bytes, for serving without a file: {@code view} 0 (SEG), 1 (GAF) or 2 (RP) in grey, 3 the RGB
     * composite.
     */
    public static byte[] png(float[] image, int offset, int height, int width, int view) {
        if (view < 0 || view > 3) {
            throw new IllegalArgumentException("view must be 0..3, got " + view);
        }
        int plane = height * width;
        BufferedImage img = new BufferedImage(width, height,
                view == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = offset + y * width + x;
                if (view == 3) {
                    img.setRGB(x, y, toByte(image[i]) << 16 | toByte(image[i + plane]) << 8 | toByte(image[i + 2 * plane]));
                } else {
                    img.getRaster().setSample(x, y, 0, toByte(image[i + view * plane]));
                }
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new FxdException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    private static void save(BufferedImage img, Path file) {
        AtomicFile.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
