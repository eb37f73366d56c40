# dcmscrub build configuration: override on the command line or edit here.
VERSION = 0.1.0

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
DESTDIR =

CC = cc
CXX = c++
CPPFLAGS = -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -Ilib -I/usr/include/dcmtk -I/usr/include/nifti -I/usr/include/openjpeg-2.5
CFLAGS = -std=c11 -O2 -g -Wall -Wextra
CXXFLAGS = -std=c++17 -O2 -g -Wall -Wextra
LDFLAGS =

# dcmtk's pkg-config file needs libsndfile1-dev; name the libraries instead.
DCMTK_LIBS = -ldcmjpls -ldcmjpeg -ldcmimage -ldcmimgle -ldcmdata -loflog -lofstd
LIBS = $(DCMTK_LIBS) -lopenjp2 -lniftiio -lznz -larchive -lsodium -ldeflate -lpng -lz -lm -lpthread

# make check also runs the tests against this build (bin-san/).
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
