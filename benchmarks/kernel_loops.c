/* The kernels' inner loops timed directly from C, without NumPy's call
 * overhead or the output allocation: each float ufunc's loop from one
 * target's loop table, n = 100 000, contiguous, a scalar alpha (1 and 0.3),
 * best of 30 runs of 50 calls. For profiling and before/after comparisons of
 * kernel changes (benchmarks/goals.py measures the user's calls).
 *
 *   meson/pip build first (build dir build/cp311 here), then:
 *   gcc -O2 -I fastact/src -I "$(python -c 'import numpy; print(numpy.get_include())')" \
 *       -I "$(python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" \
 *       -DFA_TABLE=fa_loops_avx512 benchmarks/kernel_loops.c \
 *       build/cp311/libfastact_avx512.a -lm -o /tmp/kernel_loops && /tmp/kernel_loops
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include "fastact.h"
extern const fa_loop_entry FA_TABLE[];
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static fa_loop find(const char*n,char ty){for(const fa_loop_entry*e=FA_TABLE;e->ufunc;e++) if(!strcmp(e->ufunc,n)&&e->type==ty) return e->loop; return 0;}
int main(int argc,char**argv){
  long n=100000; float *x=aligned_alloc(64,n*4),*dy=aligned_alloc(64,n*4),*o=aligned_alloc(64,n*4); double *xd=aligned_alloc(64,n*8),*dyd=aligned_alloc(64,n*8),*od=aligned_alloc(64,n*8);
  srand(1); for(long i=0;i<n;i++){double u1=(rand()+1.0)/RAND_MAX,u2=rand()/(double)RAND_MAX; double g=sqrt(-2*log(u1))*cos(6.283185307*u2); x[i]=g; xd[i]=g; dy[i]=-g*0.7; dyd[i]=-g*0.7;}
  const char* names[]={"relu","elu","elu_grad","elu_backward","relu_backward","elu_backward_from_output"};
  int nins[]={1,2,2,3,2,3};
  for(int d=0;d<2;d++) for(int k=0;k<6;k++) for(int ai=0;ai<2;ai++){
    if(ai && (k==0||k==4)) continue;
    float a32=ai?0.3f:1.0f; double a64=ai?0.3:1.0;
    fa_loop L=find(names[k],d?'d':'f'); if(!L) continue;
    char*args[4]; npy_intp dims[1]={n}, steps[4];
    int nin=nins[k]; size_t es=d?8:4;
    if(nin==1){args[0]=d?(char*)xd:(char*)x;}
    else if(nin==2){args[0]=d?(char*)xd:(char*)x; args[1]=d?(char*)&a64:(char*)&a32;}
    else {args[0]=d?(char*)dyd:(char*)dy; args[1]=d?(char*)xd:(char*)x; args[2]=d?(char*)&a64:(char*)&a32;}
    if(k==4){args[1]=args[0]; args[0]=d?(char*)dyd:(char*)dy;}
    for(int j=0;j<nin;j++) steps[j]=es; 
    if(nin>=2 && k!=4) steps[nin-1]=0;
    args[nin]=d?(char*)od:(char*)o; steps[nin]=es;
    double best=1e9; for(int r=0;r<30;r++){double t0=now(); for(int i=0;i<50;i++) L(args,dims,steps,0); double t=(now()-t0)/50; if(t<best)best=t;}
    printf("%-26s %s a=%.1f  %7.2f us  %5.3f ns/elem\n",names[k],d?"f64":"f32",a64,best*1e6,best*1e9/n);
  }
}
